using System.Text.Json.Serialization;
using Registry.Api.Infrastructure;
using Registry.Domain;
using Registry.Domain.Lots;

namespace Registry.Api.Operations;

/// <param name="TransferredLotId">The lot a partial transfer split off for the receiver.</param>
public sealed record LotWritten(
    Guid LotId, long Version, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TransferredLotId = null);

public sealed record TransformationWritten(Guid TransformationId, IReadOnlyList<Guid> OutputLotIds);

/// <summary>The answer to an accepted decision, alike at every door: status, body, the version for the ETag, and
/// for a 201 where what it created is read (ReadLocations).</summary>
public sealed record WriteAnswer(int Status, object Body, long Version, string? Location = null)
{
    /// <summary>200 with the version <paramref name="target"/> reaches with the decision's events on its stream.</summary>
    public static WriteAnswer OnLot(Decision decision, Lot target, long targetVersion)
    {
        var version = targetVersion + decision.Events.Count(e => EventStreams.Of(e) == target.Id);
        return new(StatusCodes.Status200OK, new LotWritten(target.Id, version), version);
    }

    /// <summary>201 with the lot the decision starts, at the version its first events give it.</summary>
    public static WriteAnswer StartedLot(Decision decision)
    {
        var started = EventStreams.Group(decision.Events).First(s => s.Starts == typeof(Lot));
        return new(StatusCodes.Status201Created, new LotWritten(started.StreamId, started.Events.Count), started.Events.Count,
            ReadLocations.Lot(started.StreamId));
    }
}
