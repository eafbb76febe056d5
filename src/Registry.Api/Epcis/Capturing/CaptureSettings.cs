namespace Registry.Api.Epcis.Capturing;

/// <summary>
/// The capture door's limits (advertised by <c>OPTIONS /epcis/capture</c>) and the GS1 JSON Schema it validates with
/// (<c>Registry:Epcis:*</c>; GS1's file is not shipped, docs/adr/0010).
/// </summary>
public sealed record CaptureSettings(int CaptureLimit, long FileSizeLimit, string? JsonSchemaFile, bool RunsJobs)
{
    public static CaptureSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Registry:Epcis:CaptureLimit", 20_000),
        configuration.GetValue("Registry:Epcis:FileSizeLimit", 64L * 1024 * 1024),
        configuration["Registry:Epcis:JsonSchemaFile"],
        // Off on a node that should only accept jobs (and in the restart test's first process): others finish them.
        configuration.GetValue("Registry:Epcis:RunsCaptureJobs", true));
}
