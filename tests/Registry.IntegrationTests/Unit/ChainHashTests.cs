using System.Security.Cryptography;
using System.Text;
using Registry.Api.Integrity;

namespace Registry.IntegrationTests.Unit;

/// <summary>The chain's hashes and checkpoint signatures, as a company verifying them outside the registry would compute them.</summary>
public sealed class ChainHashTests
{
    private static readonly StoredEvent Registered = new(7, Guid.Parse("0190a8f2-0000-7000-8000-000000000001"),
        Guid.Parse("0190a8f2-0000-7000-8000-0000000000aa"), 1, "lot_registered",
        new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc).AddTicks(1234560), """{"MassKg": 1000}""");

    [Fact]
    public void An_event_hash_is_sha256_over_the_previous_hash_and_the_fields_one_a_line()
    {
        // 2026-01-10T00:00:00.123456Z is 1,768,003,200,123,456 µs after 1970.
        var text = "registry-event:v1\n7\n0190a8f2-0000-7000-8000-000000000001\n0190a8f2-0000-7000-8000-0000000000aa\n1\n" +
                   "lot_registered\n1768003200123456\n{\"MassKg\": 1000}";
        Assert.Equal(SHA256.HashData([.. new byte[32], .. Encoding.UTF8.GetBytes(text)]), EventHash.Of(EventHash.Genesis, Registered));
        // Any field changed, or another previous hash, changes the hash.
        Assert.NotEqual(EventHash.Of(EventHash.Genesis, Registered), EventHash.Of(EventHash.Genesis, Registered with { Data = """{"MassKg": 5}""" }));
        Assert.NotEqual(EventHash.Of(EventHash.Genesis, Registered), EventHash.Of(EventHash.Genesis, Registered with { Sequence = 8 }));
        Assert.NotEqual(EventHash.Of(EventHash.Genesis, Registered), EventHash.Of(new byte[32].Select(_ => (byte)1).ToArray(), Registered));
    }

    [Fact]
    public void A_registry_link_is_sha256_over_the_previous_link_the_sequence_big_endian_and_the_event_hash()
    {
        var hash = EventHash.Of(EventHash.Genesis, Registered);
        byte[] sequence = [0, 0, 0, 0, 0, 0, 0, 7];
        Assert.Equal(SHA256.HashData([.. EventHash.Genesis, .. sequence, .. hash]), EventHash.Link(EventHash.Genesis, 7, hash));
    }

    [Fact]
    public void A_checkpoint_verifies_with_its_key_and_not_when_any_part_changed_or_with_another_key()
    {
        using var key = RegistryKey.FromPem(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem());
        using var other = RegistryKey.FromPem(ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem());
        var checkpoint = Checkpoint.Sign(key, 42, EventHash.Genesis, new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560), checkpoint.SignedAt);
        Assert.True(checkpoint.IsSignedBy(key));
        Assert.False((checkpoint with { Sequence = 43 }).IsSignedBy(key));
        Assert.False((checkpoint with { Hash = new string('1', 64) }).IsSignedBy(key));
        Assert.False((checkpoint with { SignedAt = checkpoint.SignedAt.AddSeconds(1) }).IsSignedBy(key));
        Assert.False((checkpoint with { Signature = "not base64!" }).IsSignedBy(key));
        Assert.False(checkpoint.IsSignedBy(other));
        // Anyone holding only the public key verifies it.
        using var published = RegistryKey.FromPublicPem(key.PublicKeyPem);
        Assert.True(checkpoint.IsSignedBy(published));
    }

    [Fact]
    public void Outside_development_the_registry_refuses_to_start_without_a_configured_signing_key()
    {
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };
        var refused = Assert.Throws<InvalidOperationException>(() =>
            RegistryKey.Load(new IntegritySettings(true, null, TimeSpan.FromMinutes(10)), production, null!));
        Assert.Contains("Registry:Integrity:SigningKey", refused.Message);
    }
}
