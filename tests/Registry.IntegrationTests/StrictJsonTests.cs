using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>Bodies are read strictly: an unknown or ill-typed field is a 400 naming it, in the registry's terms.</summary>
[Collection(RegistryCollection.Name)]
public sealed class StrictJsonTests(RegistryApp app)
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // A misspelt origin once made a Chinese lot Japanese.
        { "/api/lots", """{"lotNumber":"S-1","category":"RareMetal","material":"DY_OXIDE","massKg":10,"orginCountry":"CN","occurredAt":"2026-01-10T09:00:00+09:00"}""",
          "orginCountry", "did you mean 'originCountry'?" },
        { "/api/lots", """{"lotNumber":"S-2","category":"Plastic","material":"PET","massKg":"ten","occurredAt":"2026-01-10T09:00:00+09:00"}""",
          "massKg", "massKg must be a number within range." },
        { "/api/lots", """{"lotNumber":"S-3","category":"Plastic","material":"PET","massKg":1e400,"occurredAt":"2026-01-10T09:00:00+09:00"}""",
          "massKg", "massKg must be a number within range." },
        { "/api/lots", """{"lotNumber":"S-4","category":"Plastic","material":"PET","massKg":1,"occurredAt":"2026-01-10T09:00:00"}""",
          "occurredAt", "with an offset" },
        { "/api/lots", """{"lotNumber":["S-5"],"category":"Plastic","material":"PET","massKg":1,"occurredAt":"2026-01-10T09:00:00+09:00"}""",
          "lotNumber", "lotNumber must be a string." },
        { "/api/transformations", """{"process":"Manufacturing","occurredAt":"2026-01-10T09:00:00+09:00","inputs":[{"lotId":"nope","massKg":1}],"outputs":[]}""",
          "inputs[0].lotId", "must be an id (a UUID)" },
        { "/api/lots", """{"lotNumber":"S-6","category":"RareMetal","material":"DY_OXIDE","massKg":1,"composition":{"Dy":"most"},"occurredAt":"2026-01-10T09:00:00+09:00"}""",
          "composition[Dy]", "composition[Dy] must be a number within range." },
        { "/api/transformations", """{"process":"Manufacturing","occurredAt":"2026-01-10T09:00:00+09:00","inputs":[],"outputs":[{"lotNumbr":"X"}]}""",
          "outputs[0].lotNumbr", "did you mean 'lotNumber'?" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_field_is_400_naming_it_without_dotnet_names_and_writes_nothing(string path, string body, string field, string says)
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var before = await Written.CountAsync();
        var problem = await Expect.InvalidFieldAsync(await maker.Api.PostRawAsync(path, body), field);
        Assert.Contains(says, problem["errors"]![field]![0]!.GetValue<string>());
        Assert.StartsWith("urn:circular-registry:problem:", problem["type"]!.GetValue<string>());
        Assert.DoesNotContain("System.", problem.ToJsonString());
        Assert.DoesNotContain("Registry.", problem.ToJsonString());
        Assert.Equal(before, await Written.CountAsync());
    }

    [Fact]
    public async Task An_import_line_with_an_unknown_field_is_refused_naming_it()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var answer = await maker.Api.ImportAsync(
        [
            """{"op":"RegisterLot","idempotencyKey":"s1","body":{"lotNumber":"S-1","category":"Plastic","material":"PET","massKg":1,"occurredAt":"2026-01-10T09:00:00+09:00","siteName":"Kobe"}}""",
            """{"op":"RegisterLot","idempotencyKey":"s2","bodyy":{}}""",
            Imports.Line("RegisterLot", "s3", Lots.Registration()),
        ]);
        Assert.Equal([400, 400, 201], answer.Outcomes.Select(o => o["status"]!.GetValue<int>()));
        Assert.Contains("did you mean 'site'?", answer.Line(1)["problem"]!["errors"]!["body.siteName"]![0]!.GetValue<string>());
        Assert.NotNull(answer.Line(2)["problem"]!["errors"]!["bodyy"]);
    }

    [Fact]
    public async Task Only_an_operation_with_input_lines_takes_lots_named_in_them()
    {
        // A transfer has no inputs: the import refuses the field as the route does, whatever it names.
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var lot = await maker.Api.RegisterLotAsync();
        var answer = await maker.Api.ImportAsync([Imports.Line("TransferLot", $"in-{lot}",
            new { toOrganization = maker.Name, occurredAt = Lots.At(1), inputs = new[] { new { lot = new { lotNumber = "nope" } } } },
            new { id = lot })]);
        Assert.Equal("unknown-field", answer.Line(1)["problem"]!["code"]!.GetValue<string>());
    }
}
