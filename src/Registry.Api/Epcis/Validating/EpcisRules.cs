using Registry.Api.Epcis.Capturing;

namespace Registry.Api.Epcis.Validating;

/// <summary>The document rules with the configured GS1 schema, loaded once on first use; absent when no schema file is
/// configured, and the capture door then answers 503 rather than store unchecked events.</summary>
public sealed class EpcisRules(CaptureSettings settings)
{
    private readonly Lazy<EpcisDocumentRules?> rules = new(() =>
        settings.JsonSchemaFile is { } path && File.Exists(path) ? EpcisDocumentRules.FromSchemaFile(path) : null);

    public bool Available => rules.Value is not null;

    public EpcisDocumentRules Current =>
        rules.Value ?? throw new InvalidOperationException("Registry:Epcis:JsonSchemaFile names no GS1 EPCIS JSON Schema.");
}
