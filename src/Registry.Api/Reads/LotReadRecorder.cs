using System.Security.Claims;
using System.Threading.Channels;
using Registry.Api.Auth;
using Registry.Domain.Lots;

namespace Registry.Api.Reads;

/// <summary>A read of a lot by an organization that is not one of its custodians (a grantee, a ministry, an admin).</summary>
public sealed record LotRead(Guid OwnerId, Guid LotId, Guid ReaderId, string Field, DateTimeOffset At)
{
    /// <summary>The hour (UTC) the read falls in: reads are kept once per hour.</summary>
    public DateTimeOffset Hour => new(At.UtcTicks - At.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
}

/// <summary>
/// Takes reads off the request path: a read is queued in memory and <see cref="LotReadWriter"/> writes them in batches.
/// The queue is bounded; under a flood, reads beyond it are dropped rather than slowing every answer (docs/adr/0014).
/// </summary>
public sealed class LotReadRecorder
{
    public const int Capacity = 100_000;

    private readonly Channel<LotRead> reads = Channel.CreateBounded<LotRead>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<LotRead> Reads => reads.Reader;

    /// <summary>Queues the reads of <paramref name="lots"/> that their custodians did not make themselves.</summary>
    public void Record(ClaimsPrincipal reader, IEnumerable<Lot> lots, string field, DateTimeOffset now)
    {
        var me = reader.OrganizationId();
        foreach (var lot in lots.Where(l => !l.Custodians.Contains(me)))
            reads.Writer.TryWrite(new LotRead(lot.OwnerId, lot.Id, me, field, now));
    }
}
