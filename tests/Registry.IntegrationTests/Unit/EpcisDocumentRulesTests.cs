using System.Text.Json;
using Registry.Api.Epcis.Validating;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests.Unit;

/// <summary>
/// GS1's schema with its formats enforced accepts every OpenEPCIS valid document and GS1 example, and refuses every
/// OpenEPCIS invalid one, naming the event and the JSON pointer.
/// </summary>
public sealed class EpcisDocumentRulesTests
{
    private static readonly Lazy<EpcisDocumentRules> Rules =
        new(() => EpcisDocumentRules.FromSchemaFile(Path.Combine(EpcisExamples.Directory(), "EPCIS-JSON-Schema.json")));

    public static TheoryData<string> Valid() => Files(Path.Combine("openepcis-test-resources", "valid"), "*.json", "", "*.jsonld");

    public static TheoryData<string> Invalid() => Files(Path.Combine("openepcis-test-resources", "invalid"), "*.json");

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_document_passes(string file) => Assert.Empty(Rules.Value.Check(Read(file)));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_document_is_refused_with_where(string file)
    {
        var errors = Rules.Value.Check(Read(file));
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("/", e.Pointer));
    }

    [Fact]
    public void A_bare_word_that_is_not_cbv_is_refused_at_its_event_and_field()
    {
        var errors = Rules.Value.Check(Read(Path.Combine("openepcis-test-resources", "invalid", "ObjectEvent_with_non_standard_bizStep_in_second_event.json")));
        Assert.Contains(errors, e => e.Event == 1 && e.Pointer == "/epcisBody/eventList/1/bizStep");
        Assert.DoesNotContain(errors, e => e.Event == 0);
    }

    [Fact]
    public void The_disputed_sensor_document_is_refused_for_its_sensor_reports_without_type()
    {
        // OpenEPCIS files it as valid; GS1's schema requires each sensorReport's type (docs/adr/0010-epcis-validation.md).
        var errors = Rules.Value.Check(Read(Path.Combine("openepcis-test-resources", "disputed", "SensorData_with_combined_events.json")));
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("/sensorReport/", e.Pointer));
    }

    private static JsonElement Read(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(EpcisExamples.Directory(), file))).RootElement;

    /// <summary>Pairs of (folder under the examples, pattern): the files, relative to the examples folder.</summary>
    private static TheoryData<string> Files(params string[] folderAndPattern)
    {
        var data = new TheoryData<string>();
        for (var i = 0; i < folderAndPattern.Length; i += 2)
            foreach (var file in System.IO.Directory.GetFiles(EpcisExamples.Directory(folderAndPattern[i]), folderAndPattern[i + 1]).Order())
                data.Add(Path.GetRelativePath(EpcisExamples.Directory(), file));
        return data;
    }
}
