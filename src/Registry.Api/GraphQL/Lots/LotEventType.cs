using Registry.Api.Auth;
using GraphQL.DataLoader;
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
        Field<NonNullGraphType<JsonGraphType>>("data").Resolve(c => c.Source.Data is LotSplitOff part
            ? c.Service<LotsById>().Of(part.ParentLotId).Then(parent => DataOf(part, parent is not null && c.User!.CanSee(parent)))
            : DataOf(c.Source.Data, true));
    }

    /// <summary>The event's fields; a part's start names its parent, the lots before it and their custodians only
    /// to a caller who may see the parent.</summary>
    private static JsonElement DataOf(object data, bool showsParent)
    {
        var json = JsonSerializer.SerializeToNode(data, data.GetType(), Infrastructure.ApiJson.Options)!.AsObject();
        if (!showsParent)
            foreach (var hidden in new[] { "parentLotId", "splitPath", "custodians" }) json.Remove(hidden);
        return JsonSerializer.SerializeToElement(json);
    }

    private static ILotEvent Data(IEvent e) => (ILotEvent)e.Data;
}
