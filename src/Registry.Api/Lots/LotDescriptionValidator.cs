using FluentValidation;
using Registry.Api.Epcis;
using Registry.Api.Infrastructure.Validation;
using Registry.Domain.Materials;

namespace Registry.Api.Lots;

/// <summary>What a new lot is: the fields registered lots and transformation outputs share.</summary>
internal sealed class LotDescriptionValidator : AbstractValidator<ILotDescription>
{
    public LotDescriptionValidator()
    {
        RuleFor(x => x.LotNumber).Required().Code(maxLength: 200);
        RuleFor(x => x.Category).OneOf<ILotDescription, MaterialCategory>();
        RuleFor(x => x.Material).Required()
            .Must((lot, material) => !FieldRules.IsName<MaterialCategory>(lot.Category)
                                     || MaterialCatalog.IsKnown(Enum.Parse<MaterialCategory>(lot.Category!), material))
            .WithMessage(lot => $"'{lot.Material}' is not a known {lot.Category} material code.");
        RuleFor(x => x.MassKg).PositiveMass();
        RuleFor(x => x.ProductType).Code(maxLength: 64);
        RuleFor(x => x.Units).GreaterThan(0).WithMessage("units must be positive.");
        RuleFor(x => x.Units).Null()
            .When(x => x.Category != nameof(MaterialCategory.Product))
            .WithMessage("units apply only to Product lots.");
        RuleFor(x => x.EpcClass).Must(c => LotClasses.Canonical(c) is not null).When(x => x.EpcClass is not null)
            .WithMessage("epcClass must be a GTIN with a lot: urn:epc:class:lgtin:… or a GS1 Digital Link …/01/<GTIN>/10/<lot>.");
        RuleFor(x => x.Composition).Custom((composition, context) => context.Relay(CompositionChecks.Composition(composition)));
    }
}
