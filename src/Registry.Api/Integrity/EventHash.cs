using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Integrity;

/// <summary>
/// The two hashes of the chain (docs/adr/0013), computed here from the stored fields so that verification never trusts
/// the database's own functions. An event's hash is SHA-256 over its stream's previous event hash (32 zero bytes for
/// the first) and the UTF-8 lines <c>registry-event:v1</c>, sequence, event id, stream id, version, type, record time
/// (microseconds since 1970), data (PostgreSQL's text of the jsonb). A registry link is SHA-256 over the previous link,
/// the sequence (8 bytes, big-endian) and the event hash: one chain over every event in sequence order.
/// </summary>
public static class EventHash
{
    public const string Format = "registry-event:v1";
    public static readonly byte[] Genesis = new byte[32];
    public static string GenesisHex => Convert.ToHexStringLower(Genesis);

    public static byte[] Of(byte[] previous, StoredEvent e)
    {
        var micros = (e.RecordedAt.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / 10;
        var text = FormattableString.Invariant($"{Format}\n{e.Sequence}\n{e.Id}\n{e.StreamId}\n{e.Version}\n{e.Type}\n{micros}\n{e.Data}");
        return SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(text)]);
    }

    public static byte[] Link(byte[] previous, long sequence, byte[] eventHash)
    {
        Span<byte> input = stackalloc byte[32 + 8 + 32];
        previous.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input[32..], sequence);
        eventHash.CopyTo(input[40..]);
        return SHA256.HashData(input);
    }
}

/// <summary>An event row as stored: the fields its hash covers (the actor and the occurrence time are in its data).</summary>
public sealed record StoredEvent(long Sequence, Guid Id, Guid StreamId, long Version, string Type, DateTime RecordedAt, string Data);
