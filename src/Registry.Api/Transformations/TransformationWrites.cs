using JasperFx.Events;
using Marten;
using Marten.Events;
using Registry.Domain.Lots;
using Registry.Domain.Transformations;

namespace Registry.Api.Transformations;

/// <summary>The multi-stream write of a transformation, shared by the route and the demo data.</summary>
public static class TransformationWrites
{
    /// <summary>
    /// Fetches every input for writing, in id order (so concurrent steps take row locks in one order); each is
    /// optimistic on its version, so two steps racing for one input cannot both commit.
    /// </summary>
    public static async Task<Dictionary<Guid, IEventStream<Lot>>> FetchInputsAsync(
        IDocumentSession session, IEnumerable<Guid> lotIds, CancellationToken cancellation)
    {
        var streams = new Dictionary<Guid, IEventStream<Lot>>();
        foreach (var lotId in lotIds.Distinct().Where(id => id != Guid.Empty).Order())
            streams[lotId] = await session.Events.FetchForWriting<Lot>(lotId, cancellation);
        return streams;
    }

    /// <summary>The inputs that exist and <paramref name="canSee"/> allows: any other is an unknown lot.</summary>
    public static Dictionary<Guid, Lot> Existing(this Dictionary<Guid, IEventStream<Lot>> streams, Func<Lot, bool> canSee) =>
        streams.Where(s => s.Value.Aggregate is { } lot && canSee(lot)).ToDictionary(s => s.Key, s => s.Value.Aggregate!);

    /// <summary>Appends an accepted decision: consumption to the inputs, new streams for outputs and the step.</summary>
    public static void Append(IDocumentSession session, Dictionary<Guid, IEventStream<Lot>> inputs, IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case LotConsumed consumed:
                    inputs[consumed.LotId].AppendOne(consumed);
                    break;
                case LotProduced produced:
                    session.Events.StartStream<Lot>(produced.LotId, produced);
                    break;
                case TransformationRecorded recorded:
                    session.Events.StartStream<Transformation>(recorded.TransformationId, recorded);
                    break;
                default:
                    throw new ArgumentException($"{e.GetType().Name} is not part of a transformation.", nameof(events));
            }
        }
    }
}
