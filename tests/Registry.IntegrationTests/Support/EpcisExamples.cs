namespace Registry.IntegrationTests.Support;

/// <summary>
/// The GS1 and OpenEPCIS documents the EPCIS tests read (shared/epcis-examples, see its SOURCES.md; kept outside the
/// repository): REGISTRY_EPCIS_EXAMPLES when set, else the shared folder beside the repository, else the workplace's.
/// A test that needs them fails, naming where it looked, when none is there.
/// </summary>
public static class EpcisExamples
{
    public static string Directory(string sub = "")
    {
        var configured = Environment.GetEnvironmentVariable("REGISTRY_EPCIS_EXAMPLES");
        List<string> candidates = string.IsNullOrEmpty(configured)
            ? [.. Repository.Root() is { } root ? [Path.GetFullPath(Path.Combine(root, "..", "shared", "epcis-examples"))] : Array.Empty<string>(),
               "/work/shared/epcis-examples"]
            : [configured];
        var found = candidates.FirstOrDefault(System.IO.Directory.Exists);
        Assert.True(found is not null, $"No EPCIS examples found: looked in {string.Join(", ", candidates)} (set REGISTRY_EPCIS_EXAMPLES).");
        return Path.Combine(found, sub);
    }

    /// <summary>GS1's EPCIS JSON Schema, for hosts whose capture door validates with it; null when the examples are absent
    /// (the EPCIS tests then fail on <see cref="Directory"/>, the others run).</summary>
    public static string? SchemaFile()
    {
        try
        {
            return Path.Combine(Directory(), "EPCIS-JSON-Schema.json");
        }
        catch (Xunit.Sdk.XunitException)
        {
            return null;
        }
    }
}
