using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Domain.Lots;
using Registry.Domain.Transformations;

namespace Registry.IntegrationTests;

/// <summary>
/// The import writes the streams it starts by COPY beside Marten (docs/adr/0016): the rows must be the ones Marten's
/// own append and inline projections would have written, or every later read, append and rebuild would differ.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class ImportCopyTests(RegistryApp app)
{
    [Fact]
    public async Task Copied_streams_documents_and_edges_are_what_Marten_would_write()
    {
        var (maker, buyer) = (await app.NewOrganizationAsync("Manufacturer"), await app.NewOrganizationAsync("Manufacturer"));
        var byRoute = await maker.Api.RegisterLotAsync(new { lotNumber = "ROUTE" });
        var answer = await maker.Api.ImportAsync(
        [
            Imports.Line("RegisterLot", "c1", Lots.Registration(new { lotNumber = "C-A", massKg = 1000m })),
            Imports.Line("RegisterLot", "c2", Lots.Registration(new { lotNumber = "C-B", massKg = 50m })),
            // A part of C-A sold: C-A gets a second event, the part starts split off it (a lineage edge of 300 kg).
            Imports.Line("TransferLot", "c3", new { toOrganization = buyer.Name, occurredAt = Lots.At(1), massKg = 300m },
                new { lotNumber = "C-A" }),
            // 700 kg of C-A and the whole lot registered by route make one output: two edges of the transformation.
            Imports.Line("RecordTransformation", "c4", new
            {
                process = "Manufacturing", occurredAt = Lots.At(2),
                inputs = new object[] { new { lot = new { lotNumber = "C-A" }, massKg = 700m }, new { lotId = byRoute, massKg = 100m } },
                outputs = new[] { Lots.Output("Plastic", "PET", 800m) },
            }),
        ]);
        Assert.All(answer.Outcomes, o => Assert.InRange(o["status"]!.GetValue<int>(), 200, 201));
        var transformationId = answer.Line(4)["result"]!["transformationId"]!.GetValue<Guid>();

        var store = app.Services.GetRequiredService<IDocumentStore>();
        var serializer = store.Options.Serializer();
        await using var session = store.QuerySession();
        var lots = await session.Query<Lot>().Where(l => l.OwnerId == maker.Id || l.OwnerId == buyer.Id).ToListAsync();
        Assert.Equal(5, lots.Count); // ROUTE, C-A, C-B, the part, the output
        foreach (var stored in lots)
        {
            // The document as Marten folds the stream's events with the registered projection, and its columns.
            var folded = await session.Events.AggregateStreamAsync<Lot>(stored.Id);
            Assert.Equal(serializer.ToJson(folded!), serializer.ToJson(stored));
            Assert.Equal(stored.Version, (await session.Events.FetchStreamStateAsync(stored.Id))!.Version);
            Assert.Equal((stored.Version, stored.HolderId, stored.OwnerId, stored.LotNumber, stored.EpcClass),
                await ColumnsAsync(stored.Id));
        }
        var transformation = await session.LoadAsync<Transformation>(transformationId);
        Assert.Equal(serializer.ToJson((await session.Events.AggregateStreamAsync<Transformation>(transformationId))!),
            serializer.ToJson(transformation!));

        // Event rows as Marten's append writes them: the registered-by-route lot's first event beside a copied one.
        var copied = lots.Single(l => l.LotNumber == "C-B").Id;
        Assert.Equal(await EventRowAsync(byRoute), await EventRowAsync(copied));

        // The chain's trigger hashes a statement's rows at once: C-A's two events, copied in one COPY, chain onto each
        // other, and a lot appended by Marten's path afterwards chains onto its copied first event.
        async Task<(bool, long)> VerifyAsync(Guid lot)
        {
            var verified = (await maker.Api.GraphQLAsync("query($id: ID!) { verifyLot(id: $id) { valid eventsChecked } }",
                new { id = lot }))["data"]!["verifyLot"]!;
            return (verified["valid"]!.GetValue<bool>(), verified["eventsChecked"]!.GetValue<long>());
        }
        foreach (var stored in lots.Where(l => l.OwnerId == maker.Id)) Assert.Equal((true, stored.Version), await VerifyAsync(stored.Id));
        var b = lots.Single(l => l.LotNumber == "C-B").Id;
        await maker.Api.TransferAsync(b, buyer.Name);
        Assert.Equal((true, 2L), await VerifyAsync(b));

        // Edges by hand: split 300 kg C-A → part; transformation 700 kg C-A → output, 100 kg ROUTE → output.
        var (a, part, output) = (lots.Single(l => l.LotNumber == "C-A").Id, lots.Single(l => l.SplitFrom is not null).Id,
            lots.Single(l => l.SplitFrom is null && l.LotNumber is not ("ROUTE" or "C-A" or "C-B")).Id);
        Assert.Equal(new[] { (a, part, part, 300m, "Split"), (a, output, transformationId, 700m, "Transformation"),
                (byRoute, output, transformationId, 100m, "Transformation") }.OrderBy(e => e.Item4),
            (await EdgesAsync([a, byRoute])).OrderBy(e => e.Item4));
    }

    private async Task<(long, Guid?, Guid, string, string?)> ColumnsAsync(Guid id)
    {
        await using var command = Data().CreateCommand(
            "select mt_version, holder_id, owner_id, lot_number, epc_class from registry.mt_doc_lot where id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4));
    }

    /// <summary>A stream's first event row, but for what differs between any two events (ids, times, data).</summary>
    private async Task<string> EventRowAsync(Guid stream)
    {
        await using var command = Data().CreateCommand(
            "select e.type || '|' || e.mt_dotnet_type || '|' || e.tenant_id || '|' || e.is_archived || '|' || (e.timestamp is not null) " +
            "|| '|' || s.type || '|' || s.tenant_id || '|' || s.is_archived || '|' || (h.hash is not null) " +
            "from registry.mt_events e join registry.mt_streams s on s.id = e.stream_id " +
            "left join registry.chain_event_hashes h on h.seq_id = e.seq_id where e.stream_id = $1 and e.version = 1");
        command.Parameters.AddWithValue(stream);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<(Guid, Guid, Guid, decimal, string)>> EdgesAsync(Guid[] from)
    {
        await using var command = Data().CreateCommand(
            "select from_lot_id, to_lot_id, transformation_id, mass_kg, kind from registry.lot_lineage where from_lot_id = any($1)");
        command.Parameters.AddWithValue(from);
        await using var reader = await command.ExecuteReaderAsync();
        var edges = new List<(Guid, Guid, Guid, decimal, string)>();
        while (await reader.ReadAsync())
            edges.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetDecimal(3), reader.GetString(4)));
        return edges;
    }

    private NpgsqlDataSource Data() => app.Services.GetRequiredService<NpgsqlDataSource>();
}
