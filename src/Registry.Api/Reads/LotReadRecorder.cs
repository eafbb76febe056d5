using System.Security.Claims;
using System.Threading.Channels;
using Registry.Api.Auth;
using Registry.Domain.Lots;

namespace Registry.Api.Reads;

/// <summary>A read of a lot through a field (a GraphQL root field, or <c>epcis</c>).</summary>
public sealed record LotRead(Guid LotId, Guid ReaderId, string Field, DateTimeOffset At)
{
    /// <summary>The hour (UTC) the read falls in: reads are kept once per hour.</summary>
    public DateTimeOffset Hour => new(At.UtcTicks - At.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
}

/// <summary>
/// Takes reads off the request path: a read is queued in memory and <see cref="LotReadWriter"/> writes them in batches,
/// keeping those of organizations that are not custodians of the lot (grantees, ministries, admins). The queue is
/// bounded; under a flood, reads beyond it are dropped rather than slowing every answer (docs/adr/0014).
/// </summary>
public sealed class LotReadRecorder
{
    public const int Capacity = 100_000;

    private readonly Channel<LotRead> reads = Channel.CreateBounded<LotRead>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<LotRead> Reads => reads.Reader;

    /// <summary>Queues the reads of loaded lots, leaving out at once those the reader's custody lets it make.</summary>
    public void Record(ClaimsPrincipal reader, IEnumerable<Lot> lots, string field, DateTimeOffset now)
    {
        var me = reader.OrganizationId();
        Record(reader, lots.Where(l => !l.Custodians.Contains(me)).Select(l => l.Id), field, now);
    }

    /// <summary>Queues the reads of lots known by id (the writer leaves out those of custodians).</summary>
    public void Record(ClaimsPrincipal reader, IEnumerable<Guid> lotIds, string field, DateTimeOffset now)
    {
        var me = reader.OrganizationId();
        foreach (var id in lotIds) reads.Writer.TryWrite(new LotRead(id, me, field, now));
    }
}
