using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Registry.Api.Integrity;
using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>
/// An attacker with superuser access to the database (triggers off) changes the history in each way it can; the hash
/// chain finds the exact place, and a checkpoint saved before a perfect rewrite proves it. Each test has a registry of
/// its own: A = lot registered (1,000 kg, seq a1) then placed on the market (a2); B = registered (b1) then transferred
/// (b2); C = registered last (c1).
/// </summary>
public sealed class TamperingTests : OnItsOwnRegistry
{
    private sealed record History(Guid A, Guid B, Guid C, Member Maker, ApiClient Admin, JsonObject Checkpoint);

    private async Task<History> HistoryAsync()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        var recycler = await app.NewOrganizationAsync("Recycler");
        var a = await maker.Api.RegisterLotAsync(new { massKg = 1000m });
        await Expect.StatusAsync(await maker.Api.PostAsync($"/api/lots/{a}/placements", new { occurredAt = Lots.At(1), country = "JP" }), 200);
        var b = await maker.Api.RegisterLotAsync();
        await maker.Api.TransferAsync(b, recycler.Name);
        var c = await maker.Api.RegisterLotAsync();
        await app.ProjectionsCaughtUpAsync();
        var admin = app.Client(RegistryApp.AdminKey);
        var signed = await admin.PostAsync("/api/checkpoints", new { });
        await Expect.StatusAsync(signed, 201);
        return new(a, b, c, maker, admin, (await signed.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private const string Fields = "valid eventsChecked firstBroken { sequence streamId version reason }";

    private static async Task<JsonObject> VerifyRegistryAsync(ApiClient admin) =>
        (await admin.GraphQLAsync($"{{ verifyRegistry {{ {Fields} }} }}"))["data"]!["verifyRegistry"]!.AsObject();

    private static async Task<JsonObject> VerifyLotAsync(ApiClient client, Guid lot) =>
        (await client.GraphQLAsync($"query($id: ID!) {{ verifyLot(id: $id) {{ {Fields} }} }}", new { id = lot }))["data"]!["verifyLot"]!.AsObject();

    private static void BrokenAt(JsonObject verification, long sequence, Guid stream, long version, string reason)
    {
        Assert.False(verification["valid"]!.GetValue<bool>());
        var broken = verification["firstBroken"]!;
        Assert.Equal((sequence, stream, version, reason),
            (broken["sequence"]!.GetValue<long>(), broken["streamId"]!.GetValue<Guid>(), broken["version"]!.GetValue<long>(),
                broken["reason"]!.GetValue<string>()));
    }

    private Task TamperAsync(string sql) => Tampering.RunAsync(app.ConnectionString, sql);
    private Task<long> SeqAsync(Guid stream, long version) => Tampering.SequenceAsync(app.ConnectionString, stream, version);

    [Fact]
    public async Task An_untouched_history_verifies_whole_and_lot_by_lot()
    {
        var history = await HistoryAsync();
        var registry = await VerifyRegistryAsync(history.Admin);
        Assert.True(registry["valid"]!.GetValue<bool>());
        Assert.Equal(5, registry["eventsChecked"]!.GetValue<long>());
        var lot = await VerifyLotAsync(history.Maker.Api, history.A);
        Assert.True(lot["valid"]!.GetValue<bool>());
        Assert.Equal(2, lot["eventsChecked"]!.GetValue<long>());
    }

    [Fact]
    public async Task Every_door_writes_its_events_hash_in_the_same_transaction()
    {
        var history = await HistoryAsync();
        await history.Maker.Api.ImportAsync([Imports.Line("RegisterLot", "i1", Lots.Registration())]);
        var cls = $"https://id.gs1.org/01/{Epcis.Gtin("4012345" + Random.Shared.Next(100_000, 999_999))}/10/H1";
        await history.Maker.Api.CapturedAsync(Epcis.Document(EpcisCaptureTests.Commissioning(cls, 10m), EpcisCaptureTests.Observing(cls)));
        // REST (5 events), the import (1) and the EPCIS capture (2): each event has its hash, none is left unhashed.
        Assert.Equal(0L, await Tampering.ScalarAsync<long>(app.ConnectionString,
            "select count(*) from registry.mt_events e where not exists (select 1 from registry.chain_event_hashes h where h.seq_id = e.seq_id)"));
        await app.ProjectionsCaughtUpAsync();
        await Expect.StatusAsync(await history.Admin.PostAsync("/api/checkpoints", new { }), 201);
        var registry = await VerifyRegistryAsync(history.Admin);
        Assert.True(registry["valid"]!.GetValue<bool>(), registry.ToJsonString());
        Assert.Equal(8, registry["eventsChecked"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_edited_mass_and_an_edited_actor_are_found_at_their_events()
    {
        var history = await HistoryAsync();
        await TamperAsync($"update registry.mt_events set data = jsonb_set(data, '{{MassKg}}', '5') where stream_id = '{history.A}' and version = 1");
        BrokenAt(await VerifyLotAsync(history.Maker.Api, history.A), await SeqAsync(history.A, 1), history.A, 1, BreakReasons.Changed);
        BrokenAt(await VerifyRegistryAsync(history.Admin), await SeqAsync(history.A, 1), history.A, 1, BreakReasons.Changed);

        await TamperAsync($"update registry.mt_events set data = jsonb_set(data, '{{ActedBy}}', '\"{Guid.NewGuid()}\"') where stream_id = '{history.C}'");
        BrokenAt(await VerifyLotAsync(history.Maker.Api, history.C), await SeqAsync(history.C, 1), history.C, 1, BreakReasons.Changed);
    }

    [Fact]
    public async Task A_deleted_event_is_found_where_it_was()
    {
        var history = await HistoryAsync();
        var b1 = await SeqAsync(history.B, 1);
        await TamperAsync($"delete from registry.mt_events where stream_id = '{history.B}' and version = 1");
        BrokenAt(await VerifyLotAsync(history.Maker.Api, history.B), b1, history.B, 1, BreakReasons.Deleted);
        BrokenAt(await VerifyRegistryAsync(history.Admin), b1, history.B, 1, BreakReasons.Deleted);
    }

    [Fact]
    public async Task An_inserted_event_is_found_at_its_sequence()
    {
        var history = await HistoryAsync();
        // A copy of the placement as the lot's third event, written straight into the table.
        await TamperAsync($"""
            insert into registry.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
            select nextval('registry.mt_events_sequence'), gen_random_uuid(), stream_id, 3, data, type, now(), tenant_id, mt_dotnet_type, false
            from registry.mt_events where stream_id = '{history.A}' and version = 2;
            update registry.mt_streams set version = 3 where id = '{history.A}';
            """);
        var inserted = await SeqAsync(history.A, 3);
        BrokenAt(await VerifyLotAsync(history.Maker.Api, history.A), inserted, history.A, 3, BreakReasons.Unhashed);
        BrokenAt(await VerifyRegistryAsync(history.Admin), inserted, history.A, 3, BreakReasons.Unhashed);
    }

    [Fact]
    public async Task Reordered_events_are_found_at_the_first_moved()
    {
        var history = await HistoryAsync();
        var (a1, a2) = (await SeqAsync(history.A, 1), await SeqAsync(history.A, 2));
        // The placement becomes the lot's first event and the registration its second.
        await TamperAsync($"""
            update registry.mt_events set version = -version where stream_id = '{history.A}';
            update registry.mt_events set version = case version when -1 then 2 else 1 end where stream_id = '{history.A}';
            """);
        BrokenAt(await VerifyLotAsync(history.Maker.Api, history.A), a2, history.A, 1, BreakReasons.Changed);
        BrokenAt(await VerifyRegistryAsync(history.Admin), a1, history.A, 2, BreakReasons.Moved);
    }

    [Fact]
    public async Task A_removed_stream_is_found_at_its_first_event_even_with_its_hashes_and_links()
    {
        var history = await HistoryAsync();
        var (b1, c1) = (await SeqAsync(history.B, 1), await SeqAsync(history.C, 1));
        // Replica mode fires no foreign-key cascade: the attacker deletes the events and the stream.
        await TamperAsync($"delete from registry.mt_events where stream_id = '{history.B}'; delete from registry.mt_streams where id = '{history.B}'");
        BrokenAt(await VerifyRegistryAsync(history.Admin), b1, history.B, 1, BreakReasons.Deleted);

        await TamperAsync($"delete from registry.chain_event_hashes where stream_id = '{history.B}'");
        BrokenAt(await VerifyRegistryAsync(history.Admin), b1, Guid.Empty, 0, BreakReasons.DeletedWithHash);

        // Every trace of B gone but the chain's links after it, which were computed over B's events.
        await TamperAsync($"delete from registry.chain_links where seq_id in ({b1}, {b1 + 1})");
        BrokenAt(await VerifyRegistryAsync(history.Admin), c1, history.C, 1, BreakReasons.LinkDiffers);
    }

    [Fact]
    public async Task The_applications_role_cannot_update_delete_or_truncate_the_history()
    {
        var history = await HistoryAsync();
        var dataSource = (NpgsqlDataSource)app.Services.GetService(typeof(NpgsqlDataSource))!;
        foreach (var sql in new[]
                 {
                     $"update registry.mt_events set data = jsonb_set(data, '{{MassKg}}', '5') where stream_id = '{history.A}'",
                     $"delete from registry.mt_events where stream_id = '{history.A}'",
                     $"delete from registry.mt_streams where id = '{history.A}'",
                     "truncate registry.mt_events cascade",
                     "update registry.chain_event_hashes set hash = '\\x00'",
                     "delete from registry.chain_links",
                     "delete from registry.chain_checkpoints",
                 })
        {
            await using var command = dataSource.CreateCommand(sql);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(ChainSchema.RewriteRefused, refused.SqlState);
        }
        Assert.True((await VerifyRegistryAsync(history.Admin))["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_checkpoint_saved_before_a_perfect_rewrite_proves_it()
    {
        var history = await HistoryAsync();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, history.Checkpoint.ToJsonString());
        var (valid, _) = await VerifyCommandAsync(file);
        Assert.True(valid);
        // A checkpoint altered after signing proves nothing.
        var forged = Path.GetTempFileName();
        var altered = history.Checkpoint.DeepClone();
        altered["hash"] = new string('0', 64);
        await File.WriteAllTextAsync(forged, altered.ToJsonString());
        var (forgedValid, forgedOutput) = await VerifyCommandAsync(forged);
        Assert.False(forgedValid);
        Assert.Contains(BreakReasons.CheckpointSignature, forgedOutput);
        File.Delete(forged);

        // The attacker edits the mass, then recomputes every hash and link: the registry alone cannot tell.
        await TamperAsync($"update registry.mt_events set data = jsonb_set(data, '{{MassKg}}', '5') where stream_id = '{history.A}' and version = 1");
        await RecomputeChainAsync();
        Assert.True((await VerifyRegistryAsync(history.Admin))["valid"]!.GetValue<bool>());

        // With the key the company saved beside the checkpoint, not the one the registry now holds.
        var keyFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(keyFile, await app.Client(null).Http.GetStringAsync("/.well-known/registry-key"));
        var (stillValid, output) = await VerifyCommandAsync(file, "--key", keyFile);
        Assert.False(stillValid);
        Assert.Contains(BreakReasons.CheckpointDiffers, output);
        File.Delete(file);
        File.Delete(keyFile);
    }

    /// <summary>What an attacker who knows the algorithm does after a rewrite: every hash and link again, consistently.</summary>
    private async Task RecomputeChainAsync()
    {
        var events = new List<StoredEvent>();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("select seq_id, id, stream_id, version, type, timestamp, data::text from registry.mt_events order by seq_id", connection);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                events.Add(new(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt64(3), reader.GetString(4), reader.GetDateTime(5), reader.GetString(6)));
        }
        var streams = new Dictionary<Guid, byte[]>();
        var link = EventHash.Genesis;
        var sql = new System.Text.StringBuilder("delete from registry.chain_event_hashes; delete from registry.chain_links;");
        foreach (var e in events)
        {
            var hash = EventHash.Of(streams.GetValueOrDefault(e.StreamId, EventHash.Genesis), e);
            streams[e.StreamId] = hash;
            link = EventHash.Link(link, e.Sequence, hash);
            sql.Append($"insert into registry.chain_event_hashes values ({e.Sequence}, '{e.StreamId}', {e.Version}, '\\x{Convert.ToHexStringLower(hash)}');");
            sql.Append($"insert into registry.chain_links values ({e.Sequence}, '\\x{Convert.ToHexStringLower(link)}');");
        }
        await TamperAsync(sql.ToString());
    }

    /// <summary><c>./run.sh verify --checkpoint file</c>, as a separate process on the registry's database.</summary>
    private async Task<(bool Valid, string Output)> VerifyCommandAsync(string checkpointFile, params string[] more)
    {
        var start = new ProcessStartInfo("dotnet", ["Registry.Api.dll", "verify", "--checkpoint", checkpointFile, .. more])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Registry"] = app.ConnectionString, ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Registry__ReferenceDataDirectory"] = RegistryApp.TestReferenceData,
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode == 0, await output + await errors);
    }
}
