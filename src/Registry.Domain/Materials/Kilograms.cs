namespace Registry.Domain.Materials;

public static class Kilograms
{
    /// <summary>
    /// A product's or a numeric sum's scale is larger than its value needs (41.76 shows as 41.760): drop trailing zeros.
    /// </summary>
    public static decimal Trimmed(decimal value) => value / 1.000000000000000000000000000000000m;
}
