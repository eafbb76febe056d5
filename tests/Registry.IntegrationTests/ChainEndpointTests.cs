using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Api.Integrity;

namespace Registry.IntegrationTests;

/// <summary>The chain's public face on the shared registry, and the suite's own history, verified.</summary>
[Collection(RegistryCollection.Name)]
public sealed class ChainEndpointTests(RegistryApp app)
{
    [Fact]
    public async Task Anyone_reads_the_checkpoints_and_verifies_them_with_the_published_key_alone()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        await maker.Api.RegisterLotAsync();
        await app.ProjectionsCaughtUpAsync();
        await Expect.StatusAsync(await maker.Api.PostAsync("/api/checkpoints", new { }), 403);
        var signed = await app.Client(RegistryApp.AdminKey).PostAsync("/api/checkpoints", new { });
        await Expect.StatusAsync(signed, 201);
        var checkpoint = (await signed.Content.ReadFromJsonAsync<JsonObject>())!;

        var anonymous = app.Client(null);
        var key = (await anonymous.Http.GetFromJsonAsync<JsonObject>("/.well-known/registry-key"))!;
        var page = (await anonymous.Http.GetFromJsonAsync<JsonObject>("/.well-known/registry-checkpoints?limit=1"))!;
        Assert.Equal(checkpoint.ToJsonString(), page["checkpoints"]![0]!.ToJsonString());
        Assert.Equal(key["keyId"]!.GetValue<string>(), page["keyId"]!.GetValue<string>());

        // ES256 over the four lines, checked with the JWK's point: no registry code involved.
        var jwk = key["jwk"]!;
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Checkpoint.FromBase64Url(jwk["x"]!.GetValue<string>()), Y = Checkpoint.FromBase64Url(jwk["y"]!.GetValue<string>()) },
        });
        var payload = $"registry-checkpoint:v1\n{checkpoint["sequence"]}\n{checkpoint["hash"]!.GetValue<string>()}\n" +
                      $"{checkpoint["signedAt"]!.GetValue<DateTimeOffset>().UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}";
        Assert.True(ecdsa.VerifyData(Encoding.UTF8.GetBytes(payload), Checkpoint.FromBase64Url(checkpoint["signature"]!.GetValue<string>()),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>Every event the suite has written so far, through every door (REST, import, EPCIS), hashes in SQL as
    /// the verifier does in C#.</summary>
    [Fact]
    public async Task The_suites_own_history_verifies_intact()
    {
        await (await app.NewOrganizationAsync("Manufacturer")).Api.RegisterLotAsync();
        await app.ProjectionsCaughtUpAsync();
        await Expect.StatusAsync(await app.Client(RegistryApp.AdminKey).PostAsync("/api/checkpoints", new { }), 201);
        var verification = (await app.Client(RegistryApp.AdminKey).GraphQLAsync(
            "{ verifyRegistry(fromSequence: 1, toSequence: 100000) { valid eventsChecked firstBroken { sequence reason } } }"))["data"]!["verifyRegistry"]!;
        Assert.True(verification["valid"]!.GetValue<bool>(), verification.ToJsonString());
        Assert.True(verification["eventsChecked"]!.GetValue<long>() > 0);
    }

    [Theory]
    [InlineData("{ verifyRegistry(fromSequence: 0) { valid } }", "INVALID_ARGUMENT")]
    [InlineData("{ verifyRegistry(fromSequence: 5, toSequence: 4) { valid } }", "INVALID_ARGUMENT")]
    [InlineData("{ verifyRegistry(fromSequence: 1, toSequence: 100001) { valid } }", "INVALID_ARGUMENT")]
    [InlineData("{ verifyLot(id: \"00000000-0000-0000-0000-000000000001\") { valid } }", "NOT_FOUND")]
    public async Task Odd_verifications_are_refused_with_a_code(string query, string code)
    {
        var answer = await app.Client(RegistryApp.AdminKey).GraphQLAsync(query);
        Assert.Equal(code, answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?before=abc&limit=x")]
    [InlineData("?limit=0")]
    [InlineData("?limit=-5&before=-1")]
    [InlineData("?limit=99999999999&before=99999999999999999999")]
    public async Task Odd_checkpoint_pages_are_answered_within_the_page_limit(string query)
    {
        var response = await app.Client(null).Http.GetAsync($"/.well-known/registry-checkpoints{query}");
        Assert.True((int)response.StatusCode is 200 or 400, $"{query}: {(int)response.StatusCode}");
        if (response.IsSuccessStatusCode)
            Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["checkpoints"]!.AsArray().Count <= ChainLinks.PageLimit);
    }

    [Fact]
    public async Task A_company_may_not_verify_the_whole_registry()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var answer = await maker.Api.GraphQLAsync("{ verifyRegistry { valid } }");
        Assert.Equal("FORBIDDEN", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
