using Registry.Domain.Lots;
using Registry.Domain.Transformations;

namespace Registry.Domain;

/// <summary>The events of one stream in a decision; <c>Starts</c> names the aggregate when they begin the stream.</summary>
public sealed record StreamEvents(Guid StreamId, Type? Starts, IReadOnlyList<object> Events);

/// <summary>Which stream each event belongs to: a decision may start lots and append to others (a split, a step).</summary>
public static class EventStreams
{
    public static Guid Of(object e) => e switch
    {
        ILotEvent lotEvent => lotEvent.LotId,
        TransformationRecorded recorded => recorded.TransformationId,
        _ => throw new ArgumentException($"{e.GetType().Name} belongs to no stream.", nameof(e)),
    };

    /// <summary>The aggregate a stream started by <paramref name="e"/> folds into; null when it follows a start.</summary>
    public static Type? Starts(object e) => e switch
    {
        ILotStarted => typeof(Lot),
        TransformationRecorded => typeof(Transformation),
        _ => null,
    };

    /// <summary>The events grouped by stream, in the order each stream first appears.</summary>
    public static IReadOnlyList<StreamEvents> Group(IEnumerable<object> events) => events
        .GroupBy(Of)
        .Select(g => new StreamEvents(g.Key, Starts(g.First()), g.ToList()))
        .ToList();
}
