using System.Security.Cryptography;
using Npgsql;

namespace Registry.Api.Integrity;

/// <summary>The registry's checkpoint signing key (ECDSA P-256, ES256) and its public half for anyone to verify with.</summary>
public sealed class RegistryKey : IDisposable
{
    private readonly ECDsa key;

    private RegistryKey(ECDsa key)
    {
        this.key = key;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = IdOf(key);
    }

    /// <summary>Base64url of the SHA-256 of the public key's SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }
    public string PublicKeyPem { get; }

    public byte[] Sign(byte[] payload) => key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public bool Verifies(byte[] payload, byte[] signature) =>
        key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>The public key as a JWK (RFC 7517), the form most verifiers take.</summary>
    public object Jwk()
    {
        var point = key.ExportParameters(false).Q;
        return new { kty = "EC", crv = "P-256", alg = "ES256", use = "sig", kid = KeyId, x = Base64Url(point.X!), y = Base64Url(point.Y!) };
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static RegistryKey FromPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        if (key.KeySize != 256) throw new InvalidOperationException("Registry:Integrity:SigningKey must be an ECDSA P-256 key.");
        return new(key);
    }

    /// <summary>A verifier from a public key alone, e.g. the one a company saved beside its checkpoints.</summary>
    public static RegistryKey FromPublicPem(string pem) => FromPem(pem);

    /// <summary>The configured key; in Development and Testing, one generated on first start and kept in the database,
    /// so that every process on that database signs with the same key.</summary>
    public static RegistryKey Load(IntegritySettings settings, IHostEnvironment environment, NpgsqlDataSource dataSource)
    {
        if (!string.IsNullOrWhiteSpace(settings.SigningKey)) return FromPem(settings.SigningKey);
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            throw new InvalidOperationException(
                "Registry:Integrity:SigningKey is not set: the registry signs its checkpoints with it. Generate one with " +
                "`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` and pass the PEM (e.g. Registry__Integrity__SigningKey).");
        using var generated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Made here, not with the chain's tables: the key is loaded when the services are built, before Marten migrates.
        using (var create = dataSource.CreateCommand(
                   $"create schema if not exists {ChainSchema.Schema}; " +
                   $"create table if not exists {ChainSchema.DevelopmentKeys} (key_id text primary key, private_key text not null)"))
            create.ExecuteNonQuery();
        using (var insert = dataSource.CreateCommand(
                   $"insert into {ChainSchema.DevelopmentKeys} (key_id, private_key) select $1, $2 " +
                   $"where not exists (select 1 from {ChainSchema.DevelopmentKeys})"))
        {
            insert.Parameters.Add(new() { Value = IdOf(generated) });
            insert.Parameters.Add(new() { Value = generated.ExportPkcs8PrivateKeyPem() });
            insert.ExecuteNonQuery();
        }
        using var select = dataSource.CreateCommand($"select private_key from {ChainSchema.DevelopmentKeys} order by key_id limit 1");
        return FromPem((string)select.ExecuteScalar()!);
    }

    private static string IdOf(ECDsa key) => Base64Url(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    public void Dispose() => key.Dispose();
}
