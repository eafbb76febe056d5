using System.Globalization;
using System.Text;

namespace Registry.Api.Integrity;

/// <summary>
/// A signed statement of the registry chain's head: the link at <c>Sequence</c> (hex), when it was signed and with which
/// key. The signature (ES256, IEEE P1363, base64url) is over the UTF-8 lines <c>registry-checkpoint:v1</c>, sequence,
/// hash, signedAt (ISO 8601 UTC, microseconds): whoever keeps one can later prove that the history before it stands.
/// </summary>
public sealed record Checkpoint(long Sequence, string Hash, DateTimeOffset SignedAt, string KeyId, string Signature)
{
    public const string Format = "registry-checkpoint:v1";

    public static byte[] Payload(long sequence, string hash, DateTimeOffset signedAt) => Encoding.UTF8.GetBytes(
        $"{Format}\n{sequence.ToString(CultureInfo.InvariantCulture)}\n{hash}\n{signedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)}");

    public static Checkpoint Sign(RegistryKey key, long sequence, byte[] link, DateTimeOffset now)
    {
        // PostgreSQL keeps microseconds: the time signed is the time stored.
        var signedAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var hash = Convert.ToHexStringLower(link);
        return new(sequence, hash, signedAt, key.KeyId, RegistryKey.Base64Url(key.Sign(Payload(sequence, hash, signedAt))));
    }

    public bool IsSignedBy(RegistryKey key)
    {
        try
        {
            return KeyId == key.KeyId && key.Verifies(Payload(Sequence, Hash, SignedAt), FromBase64Url(Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
