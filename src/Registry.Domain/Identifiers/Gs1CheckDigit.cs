namespace Registry.Domain.Identifiers;

/// <summary>The GS1 check digit (GS1 General Specifications 7.9): weights 3 and 1 alternating from the right.</summary>
public static class Gs1CheckDigit
{
    public static char Of(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
            sum += (digits[digits.Length - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
        return (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>A key of <paramref name="length"/> digits whose last digit checks the others (a GLN: 13).</summary>
    public static bool IsValid(string? key, int length) =>
        key is not null && key.Length == length && key.All(char.IsAsciiDigit) && Of(key.AsSpan(0, length - 1)) == key[^1];
}
