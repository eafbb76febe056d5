using System.Text.Json.Serialization;
using Registry.Domain;
using Registry.Domain.Lots;
using Registry.Domain.Transformations;

namespace Registry.Api.Operations;

/// <param name="TransferredLotId">The lot a partial transfer split off for the receiver.</param>
public sealed record LotWritten(
    Guid LotId, long Version, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TransferredLotId = null);

public sealed record TransformationWritten(Guid TransformationId, IReadOnlyList<Guid> OutputLotIds);

/// <summary>The answer to an accepted decision, alike at every door: status, body, and the version for the ETag.</summary>
public sealed record WriteAnswer(int Status, object Body, long Version)
{
    /// <param name="target">The lot acted on, at <paramref name="targetVersion"/>; null when the operation starts streams.</param>
    public static WriteAnswer Of(Decision decision, Lot? target, long targetVersion)
    {
        if (decision.Events.OfType<TransformationRecorded>().FirstOrDefault() is { } step)
            return new(StatusCodes.Status201Created,
                new TransformationWritten(step.TransformationId, step.Outputs.Select(o => o.LotId).ToList()), 1);
        var streams = EventStreams.Group(decision.Events);
        if (target is null)
        {
            var started = streams.Single(s => s.Starts is not null);
            return new(StatusCodes.Status201Created, new LotWritten(started.StreamId, started.Events.Count), started.Events.Count);
        }
        var version = targetVersion + streams.Single(s => s.StreamId == target.Id).Events.Count;
        var part = decision.Events.OfType<LotSplit>().SingleOrDefault()?.PartLotId;
        return new(part is null ? StatusCodes.Status200OK : StatusCodes.Status201Created, new LotWritten(target.Id, version, part), version);
    }
}
