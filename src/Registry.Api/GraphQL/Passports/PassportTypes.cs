using GraphQL.Types;
using Registry.Api.GraphQL.Lots;
using Registry.Api.Passports;
using Registry.Domain.Lots;
using Registry.Domain.Materials;
using Registry.Domain.Passports;

namespace Registry.Api.GraphQL.Passports;

/// <summary>GraphQL's door to <see cref="Passport"/>: the same fields as its JSON-LD document, same names.</summary>
public sealed class PassportType : ObjectGraphType<Passport>
{
    public PassportType()
    {
        Name = "Passport";
        Description = "A battery or product passport (EU 2023/1542 Art. 77, Annex XIII): everything but `restricted` is public.";
        Field<NonNullGraphType<IdGraphType>>("lotId").Resolve(c => c.Source.LotId);
        Field(x => x.PassportId).Description("The passport's identifier, urn:circular-material-registry:passport:{lotId}.");
        Field<NonNullGraphType<RestSpelledEnumGraphType<PassportKind>>>("kind").Resolve(c => c.Source.Kind);
        Field(x => x.PlacedOnMarket).Description("False for a lot its custodians or an authority see before it is placed on the market.");
        Field<NonNullGraphType<PassportIdentityType>>("identity").Resolve(c => c.Source.Identity);
        Field<NonNullGraphType<PassportChemistryType>>("chemistry").Resolve(c => c.Source.Chemistry);
        Field<NonNullGraphType<PassportCircularityType>>("circularity").Resolve(c => c.Source.Circularity);
        Field<NonNullGraphType<PassportEndOfLifeType>>("endOfLife").Resolve(c => c.Source.EndOfLife);
        Field<PassportRestrictedType>("restricted")
            .Description("For organizations that may see the lot (its custodians, ministries, admins); null for others.")
            .Resolve(c => c.Source.Restricted);
    }
}

public sealed class PassportIdentityType : ObjectGraphType<PassportIdentity>
{
    public PassportIdentityType()
    {
        Name = "PassportIdentity";
        Field(x => x.LotNumber);
        Field(x => x.Gs1Identity, nullable: true).Description("The lot's GS1 identity, a canonical Digital Link.");
        Field(x => x.Manufacturer).Description("The organization that registered or produced the lot.");
        Field(x => x.ManufacturingCountry);
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("manufacturingDate")
            .Description("When the lot was registered or produced.").Resolve(c => c.Source.ManufacturingDate);
        Field<NonNullGraphType<RestSpelledEnumGraphType<MaterialCategory>>>("category").Resolve(c => c.Source.Category);
        Field(x => x.Material);
        Field(x => x.ProductType, nullable: true);
        Field(x => x.Units, nullable: true);
        Field(x => x.MassKg).Description("The lot's mass, every unit together.");
        Field<NonNullGraphType<RestSpelledEnumGraphType<BatteryStatus>>>("status").Resolve(c => c.Source.Status);
        Field(x => x.MarketCountry, nullable: true).Description("Where the lot was placed on the market.");
    }
}

public sealed class PassportMaterialType : ObjectGraphType<PassportMaterial>
{
    public PassportMaterialType()
    {
        Name = "PassportMaterial";
        Field(x => x.Component);
        Field(x => x.CriticalRawMaterial, nullable: true).Description("Its entry on the EU critical raw materials list, if any.");
    }
}

public sealed class PassportChemistryType : ObjectGraphType<PassportChemistry>
{
    public PassportChemistryType()
    {
        Name = "PassportChemistry";
        Field(x => x.Material);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PassportMaterialType>>>>("components").Resolve(c => c.Source.Components);
        Field(x => x.CriticalRawMaterialsList).Description("The list the flags follow.");
    }
}

public sealed class ElementRecycledContentType : ObjectGraphType<ElementRecycledContent>
{
    public ElementRecycledContentType()
    {
        Name = "ElementRecycledContent";
        Field(x => x.Element);
        Field<FloatGraphType>("preConsumer").Resolve(c => (double?)c.Source.PreConsumer);
        Field<FloatGraphType>("postConsumer").Resolve(c => (double?)c.Source.PostConsumer);
        Field<FloatGraphType>("total").Description("Null when the lot holds none of the element.").Resolve(c => (double?)c.Source.Total);
    }
}

public sealed class PassportCircularityType : ObjectGraphType<PassportCircularity>
{
    public PassportCircularityType()
    {
        Name = "PassportCircularity";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ElementRecycledContentType>>>>("recycledContent")
            .Description("Co, Li, Ni and Pb, in that order.").Resolve(c => c.Source.RecycledContent);
        Field(x => x.Method);
    }
}

public sealed class PassportEndOfLifeType : ObjectGraphType<PassportEndOfLife>
{
    public PassportEndOfLifeType()
    {
        Name = "PassportEndOfLife";
        Field<NonNullGraphType<RestSpelledEnumGraphType<LotStage>>>("stage").Resolve(c => c.Source.Stage);
        Field<RestSpelledEnumGraphType<WasteKind>>("wasteKind").Resolve(c => c.Source.WasteKind);
    }
}

public sealed class PassportRestrictedType : ObjectGraphType<PassportRestricted>
{
    public PassportRestrictedType()
    {
        Name = "PassportRestricted";
        Field(x => x.Holder);
        Field(x => x.Site, nullable: true);
        Field(x => x.RemainingKg);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComponentShareType>>>>("composition").Resolve(c => c.Source.Composition);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComponentProvenanceType>>>>("originShares")
            .Description("Sources per component, \"*\" included.").Resolve(c => c.Source.OriginShares);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustodyEventType>>>>("custodyChain")
            .Description($"The lot's EPCIS events in time order, at most {PassportReader.MaxCustodyEvents}.")
            .Resolve(c => c.Source.CustodyChain);
        Field(x => x.CustodyChainTruncated);
    }
}

public sealed class CustodyEventType : ObjectGraphType<CustodyEvent>
{
    public CustodyEventType()
    {
        Name = "CustodyEvent";
        Field(x => x.EventId);
        Field(x => x.Type);
        Field(x => x.BizStep, nullable: true);
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("eventTime").Resolve(c => c.Source.EventTime);
        Field(x => x.Href).Description("The event at the EPCIS query interface.");
    }
}
