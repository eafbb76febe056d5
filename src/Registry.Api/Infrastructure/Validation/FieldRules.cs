using FluentValidation;
using Registry.Domain.Materials;

namespace Registry.Api.Infrastructure.Validation;

/// <summary>Field rules the commands share. Messages name fields as the JSON does.</summary>
public static class FieldRules
{
    /// <summary>Stop at a field's first failure, and call fields by their JSON names.</summary>
    public static void ConfigureGlobally()
    {
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
    }

    /// <summary>A trillion kilograms: far above any real lot, well inside decimal arithmetic.</summary>
    public const decimal MaxMassKg = 1_000_000_000_000m;

    public static IRuleBuilderOptions<T, decimal?> PositiveMass<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.NotNull().WithMessage("massKg is required.")
            .GreaterThan(0).WithMessage("massKg must be positive.")
            .LessThanOrEqualTo(MaxMassKg).WithMessage($"massKg must not exceed {MaxMassKg} kg.");

    public static IRuleBuilderOptions<T, DateTimeOffset?> Required<T>(this IRuleBuilder<T, DateTimeOffset?> rule) =>
        rule.NotNull().WithMessage("occurredAt is required (ISO 8601 with offset).");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("{PropertyName} is required.");

    public static IRuleBuilderOptions<T, string?> Country<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || Countries.IsKnown(c))
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");

    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule)
        where TEnum : struct, Enum =>
        rule.Required()
            .Must(IsName<TEnum>)
            .WithMessage($"'{{PropertyValue}}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>Exactly one of the enum's names: not a number, not a comma list (which Enum.TryParse accepts).</summary>
    public static bool IsName<TEnum>(string? value) where TEnum : struct, Enum =>
        value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal);

    /// <summary>Adds the failures of a domain check, each under the field it names.</summary>
    public static void Relay<T>(this ValidationContext<T> context, IEnumerable<(string Field, string Message)> failures)
    {
        foreach (var (field, message) in failures) context.AddFailure(field, message);
    }

    public static IRuleBuilderOptions<T, string?> Code<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => v is null || (v.Length <= maxLength && v.Length > 0 && !v.Any(char.IsWhiteSpace)))
            .WithMessage($"{{PropertyName}} must be 1 to {maxLength} characters without spaces.");
}
