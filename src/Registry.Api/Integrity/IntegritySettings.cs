namespace Registry.Api.Integrity;

/// <summary>
/// <c>Registry:Integrity</c>: <c>HashEvents</c> (default true; false only to measure the chain's cost),
/// <c>SigningKey</c> (the checkpoints' ECDSA P-256 private key, PKCS#8 PEM; required outside Development and Testing,
/// where one is generated on first start and kept in the database), <c>CheckpointInterval</c> (default 10 minutes).
/// </summary>
public sealed record IntegritySettings(bool HashEvents, string? SigningKey, TimeSpan CheckpointInterval)
{
    public static IntegritySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Registry:Integrity");
        return new(section.GetValue("HashEvents", true), section["SigningKey"],
            section.GetValue("CheckpointInterval", TimeSpan.FromMinutes(10)));
    }
}
