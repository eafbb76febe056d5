using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>A company never learns that a lot it may not see exists: such a lot is answered as a missing one.</summary>
[Collection(RegistryCollection.Name)]
public sealed class ExistenceOracleTests(RegistryApp app)
{
    private static (string Route, object Body)[] LotRoutes(string receiver) =>
    [
        ("transfers", new { occurredAt = Lots.At(1), toOrganization = receiver }),
        ("placements", new { occurredAt = Lots.At(1), country = "JP" }),
        ("waste-collections", new { occurredAt = Lots.At(1), wasteKind = "PreConsumer" }),
        ("treatments", new { occurredAt = Lots.At(1), route = "Landfill", massKg = 1m }),
        ("corrections", new { occurredAt = Lots.At(1), massKg = 1m, reason = "weighed" }),
    ];

    [Fact]
    public async Task Another_companys_lot_is_answered_exactly_like_a_missing_one_on_every_route_even_with_if_match()
    {
        var (owner, outsider) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        var theirs = await owner.Api.RegisterLotAsync();
        var missing = Guid.NewGuid();
        foreach (var (route, body) in LotRoutes(owner.Name))
        {
            foreach (var ifMatch in new string?[] { null, "\"1\"", "\"7\"" })
            {
                var seen = await AnswerAsync(await outsider.Api.PostAsync($"/api/lots/{theirs}/{route}", body, ifMatch: ifMatch), theirs);
                var unseen = await AnswerAsync(await outsider.Api.PostAsync($"/api/lots/{missing}/{route}", body, ifMatch: ifMatch), missing);
                Assert.Equal(unseen, seen);
                Assert.Equal((404, "lot-not-found"), (seen.Status, seen.Code));
            }
        }

        var asInput = await AnswerAsync(await outsider.Api.TransformAsResponseAsync("Manufacturing", [(theirs, 1m)],
            [Lots.Output("Plastic", "PET", 1m)]), theirs);
        var missingInput = await AnswerAsync(await outsider.Api.TransformAsResponseAsync("Manufacturing", [(missing, 1m)],
            [Lots.Output("Plastic", "PET", 1m)]), missing);
        Assert.Equal(missingInput, asInput);
        Assert.Equal(1, (await owner.Api.LotAsync(theirs))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_former_holder_may_see_the_lot_so_it_is_told_it_no_longer_holds_it_before_any_version_check()
    {
        var (maker, recycler) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Recycler"));
        var lotId = await maker.Api.RegisterLotAsync();
        await maker.Api.TransferAsync(lotId, recycler.Name);
        await Expect.ProblemAsync(await maker.Api.PostAsync($"/api/lots/{lotId}/placements",
            new { occurredAt = Lots.At(2), country = "JP" }, ifMatch: "\"9\""), 403, "not-holder");
        await Expect.ProblemAsync(await recycler.Api.PostAsync($"/api/lots/{lotId}/placements",
            new { occurredAt = Lots.At(2), country = "JP" }, ifMatch: "\"9\""), 412, "stale-version");
    }

    [Fact]
    public async Task An_import_cannot_probe_another_companys_lot_numbers()
    {
        var (owner, outsider) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"));
        await owner.Api.RegisterLotAsync(new { lotNumber = "SECRET-1" });
        var placement = new { occurredAt = Lots.At(1), country = "JP" };
        var answer = await outsider.Api.ImportAsync(
        [
            Imports.Line("PlaceLotOnMarket", "p1", placement, new { lotNumber = "SECRET-1", organization = owner.Name }),
            Imports.Line("PlaceLotOnMarket", "p2", placement, new { lotNumber = "SECRET-2", organization = owner.Name }),
            Imports.Line("RecordTransformation", "p3", new
            {
                process = "Manufacturing", occurredAt = Lots.At(1),
                inputs = new[] { new { lot = new { lotNumber = "SECRET-1", organization = owner.Name }, massKg = 1m } },
                outputs = new[] { Lots.Output("Plastic", "PET", 1m) },
            }),
            Imports.Line("RecordTransformation", "p4", new
            {
                process = "Manufacturing", occurredAt = Lots.At(1),
                inputs = new[] { new { lot = new { lotNumber = "SECRET-2", organization = owner.Name }, massKg = 1m } },
                outputs = new[] { Lots.Output("Plastic", "PET", 1m) },
            }),
        ]);

        Assert.All(answer.Outcomes, o => Assert.Equal((404, "lot-not-found"),
            (o["status"]!.GetValue<int>(), o["problem"]!["code"]!.GetValue<string>())));
        string Detail(int line) => answer.Line(line)["problem"]!["detail"]!.GetValue<string>();
        Assert.Equal(Detail(2), Detail(1).Replace("SECRET-1", "SECRET-2"));
        Assert.Equal(Detail(4), Detail(3).Replace("SECRET-1", "SECRET-2"));
    }

    /// <summary>Status, code, field and detail, with the lot's id written as "{id}" so two lots' answers compare.</summary>
    private static async Task<(int Status, string? Code, string Body)> AnswerAsync(HttpResponseMessage response, Guid lotId)
    {
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var code = problem["code"]?.GetValue<string>();
        problem.Remove("traceId");
        return ((int)response.StatusCode, code, problem.ToJsonString().Replace(lotId.ToString(), "{id}"));
    }
}
