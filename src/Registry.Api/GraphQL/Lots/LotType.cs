using Registry.Api.Auth;
using GraphQL.DataLoader;
using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Domain.Lots;
using Registry.Domain.Materials;

namespace Registry.Api.GraphQL.Lots;

public sealed class LotType : ObjectGraphType<Lot>
{
    public LotType()
    {
        Name = "Lot";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field(x => x.LotNumber);
        Field<NonNullGraphType<StringGraphType>>("organization").Description("The organization that registered or produced the lot.")
            .Resolve(c => c.Service<OrganizationNames>().NameOf(c.Source.OwnerId));
        Field<NonNullGraphType<StringGraphType>>("holder").Description("The organization holding the lot now.")
            .Resolve(c => c.Service<OrganizationNames>().NameOf(c.Source.HolderId));
        Field<NonNullGraphType<RestSpelledEnumGraphType<MaterialCategory>>>("category").Resolve(c => c.Source.Category);
        Field(x => x.Material);
        Field(x => x.ProductType, nullable: true);
        Field(x => x.Units, nullable: true);
        Field(x => x.Site, nullable: true);
        Field(x => x.EpcClass, nullable: true).Description("Its GS1 class with lot, as a canonical Digital Link.");
        Field(x => x.OriginCountry);
        Field(x => x.MassKg);
        Field(x => x.RemainingKg);
        Field<NonNullGraphType<RestSpelledEnumGraphType<LotStage>>>("stage").Resolve(c => c.Source.Stage);
        Field<RestSpelledEnumGraphType<WasteKind>>("wasteKind").Resolve(c => c.Source.WasteKind);
        Field(x => x.MarketCountry, nullable: true);
        Field(x => x.Version);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComponentShareType>>>>("composition")
            .Resolve(c => LotComponents.Shares(c.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComponentProvenanceType>>>>("provenance")
            .Description("One entry per component, \"*\" included.")
            .Resolve(c => LotComponents.Provenance(c.Source));
        Field<RecycledContentType>("recycledContent")
            .Description("Shares of the component (\"*\" for the whole lot) from pre- and post-consumer recycling; " +
                         "null, with no error, when the lot does not contain the component.")
            .Argument<StringGraphType>("component", a => a.DefaultValue = Elements.Bulk)
            .Resolve(c => LotComponents.Recycled(c.Source, c.GetArgument<string?>("component") ?? Elements.Bulk));
        Field<IdGraphType>("producedBy").Description("The transformation that produced the lot, if any.")
            .Resolve(c => c.Source.ProducedBy);
        Field<IdGraphType>("splitFrom")
            .Description("The lot this one was split off by a partial transfer, when the caller may see that lot.")
            .Resolve(c => c.Source.SplitFrom is { } parent
                ? c.Service<LotsById>().Of(parent).Then(lot => lot is not null && c.User!.CanSee(lot, c.Now()) ? (Guid?)lot.Id : null)
                : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LotEventType>>>>("events")
            .Description("The lot's full history, oldest first; for a grantee, without the lot's grants.")
            .Resolve(c => c.User!.SeesEveryLot() || c.Source.Custodians.Contains(c.User!.OrganizationId())
                ? c.Service<LotHistories>().Of(c.Source.Id)
                : c.Service<LotHistories>().Of(c.Source.Id).Then(events => events.Where(e => e.Data is not (LotReadGranted or LotReadGrantRevoked)).ToList()))
            .WithComplexityImpact(20, 20); // histories load together, but are long: about 20 events each (QueryLimits)
    }
}
