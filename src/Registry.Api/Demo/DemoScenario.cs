using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Demo;

/// <summary>
/// The demo dataset, recorded through the public HTTP routes exactly as users call them (validation, keys,
/// deciders, idempotency). Every POST carries a fixed Idempotency-Key, so a second run replays the first run's
/// answers and writes nothing: the dataset is seeded once however often the registry starts.
/// </summary>
public sealed class DemoScenario(HttpClient http)
{
    public const string MakerKey = "demo-maker";
    public const string RecyclerKey = "demo-recycler";
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    public async Task RunAsync(CancellationToken cancellation)
    {
        foreach (var year in PwmiPlasticFlows.Years) await PlasticFlowsAsync(year, cancellation);
        await BiomassPlasticsAsync(cancellation);
        await BatteryRecyclingAsync(cancellation);
        await MagnetsIntoCarsAsync(cancellation);
    }

    /// <summary>A year of PWMI flows: the waste streams enter, then leave by route, stream after stream.</summary>
    private async Task PlasticFlowsAsync(PwmiYear year, CancellationToken cancellation)
    {
        var streams = new List<(Guid LotId, decimal RemainingKg)>();
        foreach (var stream in year.Streams)
        {
            var massKg = stream.TenThousandTonnes * PwmiPlasticFlows.KgPerTenThousandTonnes;
            streams.Add((await RegisterAsync(RecyclerKey, new
            {
                lotNumber = $"PWMI-{year.Year}-{stream.Name}", category = "Plastic", material = "MIXED", massKg,
                occurredAt = At(year.Year, 1, 15), wasteKind = stream.WasteKind, site = "Japan (PWMI flow, 1 t per 1,000 t)",
            }, cancellation), massKg));
        }

        var (current, step) = (0, 0);
        foreach (var route in year.Routes)
        {
            for (var dueKg = route.TenThousandTonnes * PwmiPlasticFlows.KgPerTenThousandTonnes; dueKg > 0;)
            {
                var (lotId, remainingKg) = streams[current];
                var takenKg = Math.Min(dueKg, remainingKg);
                await LeaveAsync(lotId, route.Route, takenKg, At(year.Year, 12, 1), $"pwmi-{year.Year}-{++step}", cancellation);
                dueKg -= takenKg;
                streams[current] = (lotId, remainingKg - takenKg);
                if (streams[current].RemainingKg == 0) current++;
            }
        }
    }

    /// <summary>Recycling routes are transformations (the recycled output keeps the provenance); the rest treatments.</summary>
    private Task LeaveAsync(Guid lotId, string route, decimal massKg, string occurredAt, string key, CancellationToken cancellation) =>
        route switch
        {
            // Yields are illustrative: the flow counts what enters recycling, as PWMI does.
            "MaterialRecycling" or "ChemicalRecycling" => PostAsync(RecyclerKey, "/api/transformations", new
            {
                process = route, occurredAt,
                inputs = new[] { new { lotId, massKg } },
                outputs = new[] { new { lotNumber = $"{key}-OUT", category = "Plastic", material = "OTHER", massKg = massKg * 0.85m } },
            }, key, cancellation),
            _ => PostAsync(RecyclerKey, $"/api/lots/{lotId}/treatments", new { occurredAt, route, massKg }, key, cancellation),
        };

    /// <summary>Illustrative, not a published figure: a bio-based PET bottle resin (30% bio) placed in 2025.</summary>
    private async Task BiomassPlasticsAsync(CancellationToken cancellation)
    {
        var pet = await RegisterAsync(MakerKey, new
        {
            lotNumber = "DEMO-BIOPET-2025", category = "Plastic", material = "PET", massKg = 1200m, occurredAt = At(2025, 4, 1),
            site = "Chiba", provenance = new Dictionary<string, object> { ["*"] = new Dictionary<string, decimal> { ["JP"] = 0.7m, ["bio"] = 0.3m } },
        }, cancellation);
        await PostAsync(MakerKey, $"/api/lots/{pet}/placements", new { occurredAt = At(2025, 4, 3), country = "JP" }, "demo-pet-placed", cancellation);
    }

    /// <summary>
    /// Illustrative battery loop in 2025: a pack is made, sold, collected, recycled; the recovered cobalt goes
    /// into a new cell with recycled content. Compositions are typical NMC figures, not published data.
    /// </summary>
    private async Task BatteryRecyclingAsync(CancellationToken cancellation)
    {
        var cathode = await RegisterAsync(MakerKey, new
        {
            lotNumber = "DEMO-NMC-2025-1", category = "BatteryMaterial", material = "NMC_CATHODE", massKg = 500m, occurredAt = At(2025, 1, 10),
            composition = Elements(("Ni", 0.48m), ("Co", 0.12m), ("Mn", 0.11m), ("Li", 0.07m)),
            provenance = Sources(("*", [("JP", 1m)]), ("Co", [("CD", 0.8m), ("AU", 0.2m)])),
        }, cancellation);
        var graphite = await RegisterAsync(MakerKey, new
        {
            lotNumber = "DEMO-GRAPHITE-0001", category = "BatteryMaterial", material = "GRAPHITE", massKg = 300m, occurredAt = At(2025, 1, 10),
            composition = Elements(("C", 0.95m)), originCountry = "CN",
        }, cancellation);
        var foil = await RegisterAsync(MakerKey, new
        {
            lotNumber = "DEMO-FOIL-0001", category = "BatteryMaterial", material = "OTHER", massKg = 200m, occurredAt = At(2025, 1, 10),
            composition = Elements(("Cu", 0.5m), ("Al", 0.3m)), originCountry = "CL",
        }, cancellation);
        // 1000 kg in, a 950 kg pack out: Ni 240 → 228 kg, Co 60 → 57, Li 35 → 33.25, Cu 100 → 95 in the pack.
        var pack = await ProduceAsync(MakerKey, "Manufacturing", At(2025, 2, 1), [(cathode, 500m), (graphite, 300m), (foil, 200m)],
            [new { lotNumber = "DEMO-PACK-0001", category = "BatteryMaterial", material = "LIB_PACK", massKg = 950m }], "demo-pack", cancellation);
        await PostAsync(MakerKey, $"/api/lots/{pack[0]}/placements", new { occurredAt = At(2025, 2, 10), country = "JP" }, "demo-pack-placed", cancellation);
        await PostAsync(MakerKey, $"/api/lots/{pack[0]}/waste-collections", new { occurredAt = At(2025, 9, 1), wasteKind = "PostConsumer" }, "demo-pack-collected", cancellation);
        await PostAsync(MakerKey, $"/api/lots/{pack[0]}/transfers", new { occurredAt = At(2025, 9, 2), toOrganization = "Demo Recycler" }, "demo-pack-transferred", cancellation);
        // Recovery: Co 50/57, Ni 208/228, Li 18.8/33.25, Cu 90/95.
        var recovered = await ProduceAsync(RecyclerKey, "MaterialRecycling", At(2025, 9, 15), [(pack[0], 950m)],
        [
            new { lotNumber = "DEMO-RCO-0001", category = "BatteryMaterial", material = "COBALT_SULFATE", massKg = 100m, composition = Elements(("Co", 0.5m)) },
            new { lotNumber = "DEMO-RNI-0001", category = "BatteryMaterial", material = "NICKEL_SULFATE", massKg = 400m, composition = Elements(("Ni", 0.52m)) },
            new { lotNumber = "DEMO-RLI-0001", category = "BatteryMaterial", material = "LITHIUM_CARBONATE", massKg = 100m, composition = Elements(("Li", 0.188m)) },
            new { lotNumber = "DEMO-RCU-0001", category = "BatteryMaterial", material = "OTHER", massKg = 90m, composition = Elements(("Cu", 1m)) },
        ], "demo-pack-recycled", cancellation);
        await PostAsync(RecyclerKey, $"/api/lots/{recovered[0]}/transfers", new { occurredAt = At(2025, 10, 1), toOrganization = "Demo Maker" }, "demo-rco-transferred", cancellation);

        var virginCathode = await RegisterAsync(MakerKey, new
        {
            lotNumber = "DEMO-NMC-2025-2", category = "BatteryMaterial", material = "NMC_CATHODE", massKg = 400m, occurredAt = At(2025, 10, 1),
            composition = Elements(("Ni", 0.48m), ("Co", 0.12m), ("Mn", 0.11m), ("Li", 0.07m)),
            provenance = Sources(("*", [("JP", 1m)]), ("Co", [("CD", 1m)])),
        }, cancellation);
        // Co in: 50 kg recycled:post + 48 kg from CD = 98 kg, so the cell's Co is 50/98 recycled (480 kg x 98/500 = 94.08 kg Co).
        var cell = await ProduceAsync(MakerKey, "Manufacturing", At(2025, 10, 20), [(recovered[0], 100m), (virginCathode, 400m)],
            [new { lotNumber = "DEMO-CELL-0001", category = "BatteryMaterial", material = "LIB_CELL", massKg = 480m }], "demo-cell", cancellation);
        await PostAsync(MakerKey, $"/api/lots/{cell[0]}/placements", new { occurredAt = At(2025, 11, 1), country = "JP" }, "demo-cell-placed", cancellation);
    }

    /// <summary>
    /// Illustrative magnet chain in 2025: Dy from China and Australia, Nd from China and Australia, iron from Australia, into two
    /// batches of 100 xEVs, one with a Dy-bearing magnet and one heavy-rare-earth-free: an HRE-free share of 0.5.
    /// </summary>
    private async Task MagnetsIntoCarsAsync(CancellationToken cancellation)
    {
        // Dy2O3 is 87.1% Dy by mass (2 x 162.50 / 373.00); Nd2O3 85.7% Nd.
        var dy = await RegisterAsync(MakerKey, Primary("DEMO-DY-2025", "DY_OXIDE", "Dy", 0.871m, 30m, "CN"), cancellation);
        var dyAustralia = await RegisterAsync(MakerKey, Primary("DEMO-DY-AU-2025", "DY_OXIDE", "Dy", 0.871m, 10m, "AU"), cancellation);
        var ndChina = await RegisterAsync(MakerKey, Primary("DEMO-ND-CN-0001", "ND_OXIDE", "Nd", 0.857m, 400m, "CN"), cancellation);
        var ndAustralia = await RegisterAsync(MakerKey, Primary("DEMO-ND-AU-0001", "ND_OXIDE", "Nd", 0.857m, 200m, "AU"), cancellation);
        var iron = await RegisterAsync(MakerKey, Primary("DEMO-FE-0001", "IRON", "Fe", 1m, 1400m, "AU"), cancellation);
        var bodies = await RegisterAsync(MakerKey, new
        {
            lotNumber = "DEMO-BODY-0001", category = "Product", material = "OTHER", massKg = 298_000m, occurredAt = At(2025, 3, 1),
            composition = Elements(("Fe", 0.7m)),
        }, cancellation);

        var withDy = await ProduceAsync(MakerKey, "Manufacturing", At(2025, 3, 10), [(dy, 30m), (dyAustralia, 10m), (ndChina, 300m), (iron, 660m)],
            [new { lotNumber = "DEMO-MAGNET-DY-0001", category = "RareMetal", material = "NDFEB_MAGNET", massKg = 950m }], "demo-magnet-dy", cancellation);
        var dyFree = await ProduceAsync(MakerKey, "Manufacturing", At(2025, 3, 10), [(ndChina, 100m), (ndAustralia, 200m), (iron, 700m)],
            [new { lotNumber = "DEMO-MAGNET-FREE-0001", category = "RareMetal", material = "NDFEB_MAGNET", massKg = 950m }], "demo-magnet-free", cancellation);
        foreach (var (magnet, name) in new[] { (withDy[0], "DY"), (dyFree[0], "FREE") })
        {
            var cars = await ProduceAsync(MakerKey, "Manufacturing", At(2025, 4, 1), [(magnet, 950m), (bodies, 149_000m)],
                [new { lotNumber = $"DEMO-XEV-{name}-0001", category = "Product", material = "XEV", massKg = 149_950m, units = 100 }],
                $"demo-xev-{name}", cancellation);
            await PostAsync(MakerKey, $"/api/lots/{cars[0]}/placements", new { occurredAt = At(2025, 4, 15), country = "JP" },
                $"demo-xev-{name}-placed", cancellation);
        }
    }

    /// <summary>A primary rare-metal lot: one element's mass fraction and the country it was mined in.</summary>
    private static object Primary(string lotNumber, string material, string element, decimal fraction, decimal massKg, string originCountry) => new
    {
        lotNumber, category = "RareMetal", material, massKg, originCountry, occurredAt = At(2025, 3, 1),
        composition = Elements((element, fraction)),
    };

    private async Task<Guid> RegisterAsync(string apiKey, object registration, CancellationToken cancellation)
    {
        var lotNumber = JsonSerializer.SerializeToNode(registration, JsonSerializerOptions.Web)!["lotNumber"]!.GetValue<string>();
        var answer = await PostAsync(apiKey, "/api/lots", registration, $"demo-register-{lotNumber}", cancellation);
        return answer["lotId"]!.GetValue<Guid>();
    }

    private async Task<List<Guid>> ProduceAsync(
        string apiKey, string process, string occurredAt, IEnumerable<(Guid LotId, decimal MassKg)> inputs, object[] outputs,
        string key, CancellationToken cancellation)
    {
        var answer = await PostAsync(apiKey, "/api/transformations", new
        {
            process, occurredAt, inputs = inputs.Select(i => new { lotId = i.LotId, massKg = i.MassKg }), outputs,
        }, key, cancellation);
        return answer["outputLotIds"]!.AsArray().Select(id => id!.GetValue<Guid>()).ToList();
    }

    private async Task<JsonObject> PostAsync(string apiKey, string path, object body, string idempotencyKey, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: JsonSerializerOptions.Web) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await http.SendAsync(request, cancellation);
        var text = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Demo step {idempotencyKey} ({path}) was refused: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string At(int year, int month, int day) => new DateTimeOffset(year, month, day, 9, 0, 0, Japan).ToString("O");

    private static Dictionary<string, decimal> Elements(params (string Element, decimal Fraction)[] fractions) =>
        fractions.ToDictionary(f => f.Element, f => f.Fraction);

    private static Dictionary<string, Dictionary<string, decimal>> Sources(params (string Component, (string Source, decimal Share)[] Shares)[] components) =>
        components.ToDictionary(c => c.Component, c => c.Shares.ToDictionary(s => s.Source, s => s.Share));
}
