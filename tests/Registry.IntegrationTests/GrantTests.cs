using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests;

/// <summary>
/// Sharing grants through every read path: a grantee sees exactly what the scope gives (Lot: the lot; Trace: its
/// upstream lineage too), and nothing once the grant is revoked or expired; a stranger never learns the lot exists.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class GrantTests(RegistryApp app)
{
    /// <summary>The maker's scrap (input) made into flakes (shared); the auditor and the stranger are fresh organizations.</summary>
    private async Task<(Member Maker, Member Auditor, Member Stranger, Guid Input, Guid Shared)> ChainAsync()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var auditor = await app.NewOrganizationAsync("Recycler", "DE");
        var stranger = await app.NewOrganizationAsync("Manufacturer", "FR");
        var input = await maker.Api.RegisterLotAsync(new { massKg = 100m });
        var shared = (await maker.Api.TransformAsync("Manufacturing", [(input, 100m)], [Lots.Output("Plastic", "PET", 90m)]))[0];
        return (maker, auditor, stranger, input, shared);
    }

    private static async Task<Guid> GrantAsync(Member granter, Guid lotId, Member to, string scope, DateTimeOffset? expiresAt = null)
    {
        var response = await granter.Api.PostAsync($"/api/lots/{lotId}/grants", new { toOrganization = to.Name, scope, expiresAt });
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["grantId"]!.GetValue<Guid>();
    }

    private static Task<HttpResponseMessage> RevokeAsync(Member granter, Guid lotId, Guid grantId) =>
        granter.Api.Http.DeleteAsync($"/api/lots/{lotId}/grants/{grantId}");

    /// <summary>What the member reads of the lot through each read path.</summary>
    private sealed record Sight(bool Lot, bool Listed, int EpcisEvents, IReadOnlySet<Guid> Traced, IReadOnlyList<string> EventTypes);

    private static async Task<Sight> SightAsync(Member member, Guid lotId)
    {
        var result = await member.Api.GraphQLAsync(
            "query($id: ID!) { lot(id: $id) { id events { type } } lots(first: 500) { nodes { id } } " +
            "trace(lotId: $id, direction: UPSTREAM) { nodes { lot { id } } } }", new { id = lotId });
        var data = result["data"]!;
        var events = (await member.Api.Http.GetFromJsonAsync<JsonObject>("/epcis/events?perPage=1000"))!
            ["epcisBody"]!["queryResults"]!["resultsBody"]!["eventList"]!.AsArray();
        return new Sight(
            data["lot"] is not null,
            data["lots"]!["nodes"]!.AsArray().Any(n => n!["id"]!.GetValue<Guid>() == lotId),
            events.Count,
            data["trace"]?["nodes"]!.AsArray().Select(n => n!["lot"]!["id"]!.GetValue<Guid>()).ToHashSet() ?? [],
            data["lot"]?["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList() ?? []);
    }

    private static void SeesNothing(Sight sight) =>
        Assert.Equal((false, false, 0, 0), (sight.Lot, sight.Listed, sight.EpcisEvents, sight.Traced.Count));

    [Fact]
    public async Task A_lot_grant_shows_the_lot_everywhere_but_not_its_inputs_and_a_stranger_sees_nothing()
    {
        var (maker, auditor, stranger, input, shared) = await ChainAsync();
        SeesNothing(await SightAsync(auditor, shared));

        await GrantAsync(maker, shared, auditor, "Lot");

        var sight = await SightAsync(auditor, shared);
        Assert.True(sight.Lot && sight.Listed);
        Assert.True(sight.EpcisEvents > 0);
        Assert.Equal([shared], sight.Traced);
        // Its history, without the grants (a grantee learns nothing of the lot's other readers).
        Assert.Contains("lot_produced", sight.EventTypes);
        Assert.DoesNotContain("lot_read_granted", sight.EventTypes);
        // Not its input (EPCIS answers the transformation that names both: an event about a lot it may see).
        var inputSight = await SightAsync(auditor, input);
        Assert.Equal((false, false, 0), (inputSight.Lot, inputSight.Listed, inputSight.Traced.Count));
        SeesNothing(await SightAsync(stranger, shared));
        // The maker sees the grant in the lot's history.
        Assert.Contains("lot_read_granted", (await maker.Api.LotAsync(shared))["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_trace_grant_shows_the_upstream_lineage_the_granter_sees()
    {
        var (maker, auditor, _, input, shared) = await ChainAsync();
        await GrantAsync(maker, shared, auditor, "Trace");

        var sight = await SightAsync(auditor, shared);
        Assert.Equal([shared, input], sight.Traced);
        // Through the trace of the shared lot only: the input is not shared on its own.
        Assert.False((await SightAsync(auditor, input)).Lot);
    }

    [Fact]
    public async Task A_revoked_grant_stops_at_once_through_every_read_path()
    {
        var (maker, auditor, _, _, shared) = await ChainAsync();
        var grantId = await GrantAsync(maker, shared, auditor, "Trace");
        Assert.True((await SightAsync(auditor, shared)).Lot);

        await Expect.StatusAsync(await RevokeAsync(maker, shared, grantId), 204);

        SeesNothing(await SightAsync(auditor, shared));
        await Expect.ProblemAsync(await RevokeAsync(maker, shared, grantId), 409, "grant-already-revoked");
        await Expect.ProblemAsync(await RevokeAsync(maker, shared, Guid.NewGuid()), 404, "grant-not-found");
        var grants = (await maker.Api.GraphQLAsync("query($id: ID!) { grants(lotId: $id) { id grantee scope revoked active } }",
            new { id = shared }))["data"]!["grants"]!.AsArray();
        var grant = Assert.Single(grants)!;
        Assert.Equal((grantId, auditor.Name, "Trace", true, false), (grant["id"]!.GetValue<Guid>(), grant["grantee"]!.GetValue<string>(),
            grant["scope"]!.GetValue<string>(), grant["revoked"]!.GetValue<bool>(), grant["active"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task An_expired_grant_stops_without_an_event()
    {
        var (maker, auditor, _, _, shared) = await ChainAsync();
        await GrantAsync(maker, shared, auditor, "Lot", DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.True((await SightAsync(auditor, shared)).Lot);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        SeesNothing(await SightAsync(auditor, shared));
    }

    [Fact]
    public async Task A_granted_lot_counts_in_the_grantees_exposure_until_revoked()
    {
        var (maker, auditor, _, input, _) = await ChainAsync();
        var grantId = await GrantAsync(maker, input, auditor, "Lot");
        await app.ProjectionsCaughtUpAsync();
        Assert.Equal([input], await ExposedLotsAsync(auditor));

        await Expect.StatusAsync(await RevokeAsync(maker, input, grantId), 204);

        Assert.Empty(await ExposedLotsAsync(auditor));
    }

    /// <summary>The lots of the member's exposure to Japan, where the maker's lots come from.</summary>
    private static async Task<List<Guid>> ExposedLotsAsync(Member member)
    {
        var result = await member.Api.GraphQLAsync("{ exposure(country: \"JP\") { lotCount lots { id } } }");
        Assert.Null(result["errors"]);
        return result["data"]!["exposure"]!["lots"]!.AsArray().Select(l => l!["id"]!.GetValue<Guid>()).ToList();
    }

    [Fact]
    public async Task The_import_grants_as_the_route_does()
    {
        var (maker, auditor, _, _, shared) = await ChainAsync();
        var answer = await maker.Api.ImportAsync(
            [Imports.Line("GrantLotRead", "grant-1", new { toOrganization = auditor.Name, scope = "Lot" }, new { id = shared })]);

        Assert.Equal(201, answer.Status(1));
        Assert.NotNull(answer.Line(1)["result"]!["grantId"]);
        Assert.True((await SightAsync(auditor, shared)).Lot);
    }

    [Fact]
    public async Task Bad_grants_are_problems_with_a_code_and_the_field_and_a_retry_grants_once()
    {
        var (maker, auditor, stranger, _, shared) = await ChainAsync();
        var path = $"/api/lots/{shared}/grants";
        await Expect.InvalidFieldAsync(await maker.Api.PostAsync(path, new { toOrganization = auditor.Name, scope = "Everything" }), "scope");
        await Expect.InvalidFieldAsync(await maker.Api.PostAsync(path, new { scope = "Lot" }), "toOrganization");
        Assert.Equal("unknown-organization", (await Expect.InvalidFieldAsync(
            await maker.Api.PostAsync(path, new { toOrganization = "Nobody-at-all", scope = "Lot" }), "toOrganization"))["code"]!.GetValue<string>());
        Assert.Equal("expires-in-past", (await Expect.InvalidFieldAsync(await maker.Api.PostAsync(path,
            new { toOrganization = auditor.Name, scope = "Lot", expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }), "expiresAt"))["code"]!.GetValue<string>());
        Assert.Equal("grant-to-self", (await Expect.InvalidFieldAsync(
            await maker.Api.PostAsync(path, new { toOrganization = maker.Name, scope = "Lot" }), "toOrganization"))["code"]!.GetValue<string>());
        // A stranger learns nothing: the lot is missing to it.
        await Expect.ProblemAsync(await stranger.Api.PostAsync(path, new { toOrganization = auditor.Name, scope = "Lot" }), 404, "lot-not-found");
        await Expect.ProblemAsync(await stranger.Api.Http.DeleteAsync($"{path}/{Guid.NewGuid()}"), 404, "lot-not-found");

        var key = Guid.NewGuid().ToString();
        var first = await maker.Api.PostAsync(path, new { toOrganization = auditor.Name, scope = "Lot" }, idempotencyKey: key);
        var again = await maker.Api.PostAsync(path, new { toOrganization = auditor.Name, scope = "Lot" }, idempotencyKey: key);
        await Expect.StatusAsync(again, 201);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonObject>())!["grantId"]!.GetValue<Guid>(),
            (await again.Content.ReadFromJsonAsync<JsonObject>())!["grantId"]!.GetValue<Guid>());
        var grants = (await maker.Api.GraphQLAsync("query($id: ID!) { grants(lotId: $id) { id } }", new { id = shared }))["data"]!["grants"]!;
        Assert.Single(grants.AsArray());
        // A grantee may read, not share further.
        await Expect.ProblemAsync(await auditor.Api.PostAsync(path, new { toOrganization = stranger.Name, scope = "Lot" }), 403, "not-holder-or-owner");
        Assert.Empty((await stranger.Api.GraphQLAsync("query($id: ID!) { grants(lotId: $id) { id } }", new { id = shared }))["data"]!["grants"]!.AsArray());
    }

    [Fact]
    public async Task The_owner_lists_who_read_its_lots_and_no_one_else_does()
    {
        var (maker, auditor, stranger, input, shared) = await ChainAsync();
        await GrantAsync(maker, shared, auditor, "Lot");
        var ministry = await app.NewOrganizationAsync("Ministry");
        await maker.Api.LotAsync(shared);
        await auditor.Api.LotAsync(shared);
        await auditor.Api.LotAsync(shared);
        await ministry.Api.GraphQLAsync("query($id: ID!) { trace(lotId: $id, direction: UPSTREAM) { root } }", new { id = shared });
        await Expect.StatusAsync(await auditor.Api.Http.GetAsync("/epcis/events"), 200);

        const string reads = "{ lotReads(first: 50) { reads { lotId reader field hour firstReadAt } hasNextPage endCursor } }";
        JsonArray listed = [];
        for (var attempt = 0; attempt < 50 && listed.Count < 5; attempt++)
        {
            await Task.Delay(200);
            listed = (await maker.Api.GraphQLAsync(reads))["data"]!["lotReads"]!["reads"]!.AsArray();
        }
        // The auditor's reads through `lot`, once for the hour, and through EPCIS (the transformation event names the
        // input too); the ministry's trace of the lot and its input; the maker's own reads are not recorded.
        var seen = listed.Select(r => (r!["lotId"]!.GetValue<Guid>(), r["reader"]!.GetValue<string>(), r["field"]!.GetValue<string>())).ToHashSet();
        Assert.Equal(5, listed.Count);
        Assert.Contains((shared, auditor.Name, "lot"), seen);
        Assert.Contains((shared, auditor.Name, "epcis"), seen);
        Assert.Contains((input, auditor.Name, "epcis"), seen);
        Assert.Contains((shared, ministry.Name, "trace"), seen);
        Assert.Contains((input, ministry.Name, "trace"), seen);
        Assert.Empty((await auditor.Api.GraphQLAsync(reads))["data"]!["lotReads"]!["reads"]!.AsArray());
        Assert.Empty((await stranger.Api.GraphQLAsync(reads))["data"]!["lotReads"]!["reads"]!.AsArray());
    }
}
