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
            ? c.Service<LotsById>().Of(part.ParentLotId).Then(parent => parent is not null && c.User!.CanSee(parent, c.Now()) ? DataOf(part) : Unnamed(part))
            : DataOf(c.Source.Data));
    }

    private static JsonElement DataOf(object data) =>
        JsonSerializer.SerializeToElement(data, data.GetType(), Infrastructure.ApiJson.Options);

    /// <summary>A part's start without its parent, the lots before it and their custodians: for a caller who may not
    /// see the parent.</summary>
    private static JsonElement Unnamed(LotSplitOff part)
    {
        var json = JsonSerializer.SerializeToNode(part, Infrastructure.ApiJson.Options)!.AsObject();
        foreach (var hidden in new[] { "parentLotId", "splitPath", "custodians" }) json.Remove(hidden);
        return JsonSerializer.SerializeToElement(json);
    }

    private static ILotEvent Data(IEvent e) => (ILotEvent)e.Data;
}
