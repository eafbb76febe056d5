using System.Text.Json;
using GraphQL.Types;
using JasperFx.Events;
using Registry.Domain.Lots;

namespace Registry.Api.GraphQL.Lots;

public sealed class LotEventType : ObjectGraphType<IEvent>
{
    public LotEventType()
    {
        Name = "LotEvent";
        Field<NonNullGraphType<StringGraphType>>("type").Description("The registry's stable event name, e.g. lot_registered.")
            .Resolve(c => LotEventNames.Of(Data(c.Source)));
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("occurredAt").Resolve(c => Data(c.Source).OccurredAt);
        Field<NonNullGraphType<DateTimeWithOffsetGraphType>>("recordedAt").Resolve(c => c.Source.Timestamp);
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<StringGraphType>>("actor").Resolve(c => c.Service<OrganizationNames>().NameOf(Data(c.Source).ActedBy));
        Field<NonNullGraphType<JsonGraphType>>("data")
            .Resolve(c => JsonSerializer.SerializeToElement(c.Source.Data, c.Source.Data.GetType(), Infrastructure.ApiJson.Options));
    }

    private static ILotEvent Data(IEvent e) => (ILotEvent)e.Data;
}
