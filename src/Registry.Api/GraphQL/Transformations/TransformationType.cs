using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.GraphQL.Lots;
using Registry.Domain.Lots;
using Registry.Domain.Transformations;

namespace Registry.Api.GraphQL.Transformations;

public sealed class TransformationType : ObjectGraphType<Transformation>
{
    public TransformationType()
    {
        Name = "Transformation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<RestSpelledEnumGraphType<TransformationProcess>>>("process").Resolve(c => c.Source.Process);
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
        Field<NonNullGraphType<StringGraphType>>("organization")
            .Resolve(c => c.Service<OrganizationNames>().NameOf(c.Source.ActedBy));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TransformationLotType>>>>("inputs")
            .Resolve(c => c.Source.Inputs.Select(i => new TransformationLot(i.LotId, i.MassKg)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TransformationLotType>>>>("outputs")
            .Resolve(c => c.Source.Outputs.Select(o => new TransformationLot(o.LotId, o.MassKg)));
        Field(x => x.InputKg);
        Field(x => x.OutputKg);
        Field(x => x.LossKg);
    }
}

public sealed record TransformationLot(Guid LotId, decimal MassKg);

public sealed class TransformationLotType : ObjectGraphType<TransformationLot>
{
    public TransformationLotType()
    {
        Name = "TransformationLot";
        Field<NonNullGraphType<IdGraphType>>("lotId").Resolve(c => c.Source.LotId);
        Field(x => x.MassKg).Description("Mass consumed (inputs) or produced (outputs).");
        Field<LotType>("lot").ResolveAsync(async c =>
            await c.Service<IQuerySession>().LoadAsync<Lot>(c.Source.LotId, c.CancellationToken));
    }
}
