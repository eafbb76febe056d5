using System.Globalization;
using System.Text.Json;

namespace Registry.Datasets;

/// <param name="Lots">How many lots the dataset creates (registered and produced), at least.</param>
/// <param name="Run">Prefix of every lot number and idempotency key: datasets of different runs never collide.</param>
/// <param name="Maker">Registered name of the manufacturer that imports <see cref="DatasetGenerator.MakerLines"/>.</param>
/// <param name="Recycler">Registered name of the recycler that imports <see cref="DatasetGenerator.RecyclerLines"/>.</param>
public sealed record DatasetOptions(int Lots, int Seed, string Run, string Maker, string Recycler, int Year = 2024);

/// <summary>
/// Realistic import files for the bulk import route, deterministic from a seed. Chains of three kinds:
/// plastics (resin → packaging → market → post-consumer waste → recycler → recyclate and energy recovery),
/// batteries (NMC cathode and graphite → pack → market → waste → recycler → cobalt and nickel sulfates, landfilled
/// rest) and magnets (Dy, Nd and iron → magnet → xEVs placed on the market), plus every thousandth chain (the first included) a recycler's
/// regrind loop twelve generations deep (for traces). The maker's file comes first: the recycler's lines name lots
/// the maker transferred. Each chain draws from its own random stream, so both files agree without coordinating.
/// </summary>
public sealed class DatasetGenerator(DatasetOptions options)
{
    public const int RegrindGenerations = 12;
    public DatasetOptions Options => options;
    private static readonly TimeSpan Japan = TimeSpan.FromHours(9);

    /// <param name="part">With <paramref name="parts"/>: only the chains whose index is part modulo parts. Chains
    /// share no lots, so the parts of one file can be imported side by side (the recycler's after the maker's).</param>
    public IEnumerable<string> MakerLines(int part = 0, int parts = 1) => Chains(part, parts).SelectMany(chain => chain.Maker);

    public IEnumerable<string> RecyclerLines(int part = 0, int parts = 1) => Chains(part, parts).SelectMany(chain => chain.Recycler);

    /// <summary>Lot numbers of the regrind loops' first and last generations: trace roots twelve deep.</summary>
    public IEnumerable<(string First, string Last)> RegrindLoops() => Chains()
        .Where(c => c.Kind == ChainKind.Regrind)
        .Select(c => (Number(c.Index, "G0"), Number(c.Index, $"G{RegrindGenerations}")));

    private enum ChainKind { Plastics, Battery, Magnets, Regrind }

    private sealed record Chain(int Index, ChainKind Kind, int Lots, List<string> Maker, List<string> Recycler);

    private IEnumerable<Chain> Chains(int part = 0, int parts = 1)
    {
        for (var (index, lots) = (0, 0); lots < options.Lots; index++)
        {
            var chain = Build(index);
            lots += chain.Lots;
            if (index % parts == part) yield return chain;
        }
    }

    private Chain Build(int index)
    {
        var random = new Random(unchecked(options.Seed * 1_000_003 + index));
        var kind = index % 1000 == 0 ? ChainKind.Regrind : random.NextDouble() switch
        {
            < 0.60 => ChainKind.Plastics,
            < 0.85 => ChainKind.Battery,
            _ => ChainKind.Magnets,
        };
        var writer = new ChainWriter(this, index, random);
        var lots = kind switch
        {
            ChainKind.Plastics => writer.Plastics(),
            ChainKind.Battery => writer.Battery(),
            ChainKind.Magnets => writer.Magnets(),
            _ => writer.Regrind(),
        };
        return new(index, kind, lots, writer.Maker, writer.Recycler);
    }

    private string Number(int index, string suffix) => $"{options.Run}-{index:D7}-{suffix}";

    /// <summary>Writes one chain's lines; each method answers how many lots the chain creates.</summary>
    private sealed class ChainWriter(DatasetGenerator generator, int index, Random random)
    {
        private static readonly string[] Resins = ["PP", "HDPE", "LDPE", "PET", "PS"];
        private static readonly string[] CobaltSources = ["CD", "CD", "CD", "AU", "PH"];
        private static readonly string[] RareEarthSources = ["CN", "CN", "CN", "AU", "MM", "US"];
        private readonly DatasetOptions options = generator.Options;
        private readonly DateTimeOffset start =
            new DateTimeOffset(generator.Options.Year, 1, 5, 9, 0, 0, Japan).AddDays(random.Next(0, 300));
        private int step;

        public List<string> Maker { get; } = [];
        public List<string> Recycler { get; } = [];

        public int Plastics()
        {
            var resin = Lot("RESIN");
            var massKg = Kg(500, 5000);
            var material = Resins[random.Next(Resins.Length)];
            Line(Maker, "RegisterLot", null, new
            {
                lotNumber = resin, category = "Plastic", material, massKg, occurredAt = Day(0),
                // One resin lot in ten is 30% bio-based.
                provenance = random.NextDouble() < 0.1
                    ? new Dictionary<string, Dictionary<string, decimal>> { ["*"] = new() { ["JP"] = 0.7m, ["bio"] = 0.3m } }
                    : null,
            });
            var packaging = Lot("PACK");
            var packagingKg = Round(massKg * 0.95m);
            Transform(Maker, "Manufacturing", Day(3), [(resin, massKg)],
                [new { lotNumber = packaging, category = "Plastic", material, massKg = packagingKg }]);
            PlaceCollectAndSend(packaging, 10);
            var recyclate = Lot("RECYCLATE");
            var recycledKg = Round(packagingKg * 0.6m);
            Transform(Recycler, "MaterialRecycling", Day(200), [(Ref(packaging, options.Maker), recycledKg)],
                [new { lotNumber = recyclate, category = "Plastic", material, massKg = Round(recycledKg * 0.9m) }]);
            Line(Recycler, "TreatWaste", Ref(packaging, options.Maker),
                new { occurredAt = Day(201), route = "EnergyRecovery", massKg = packagingKg - recycledKg });
            return 3;
        }

        public int Battery()
        {
            var (cathode, graphite, pack) = (Lot("NMC"), Lot("GRAPHITE"), Lot("LIBPACK"));
            var cathodeKg = Kg(200, 800);
            var graphiteKg = Round(cathodeKg * 0.6m);
            Line(Maker, "RegisterLot", null, new
            {
                lotNumber = cathode, category = "BatteryMaterial", material = "NMC_CATHODE", massKg = cathodeKg, occurredAt = Day(0),
                composition = new Dictionary<string, decimal> { ["Ni"] = 0.48m, ["Co"] = 0.12m, ["Mn"] = 0.11m, ["Li"] = 0.07m },
                provenance = new Dictionary<string, Dictionary<string, decimal>>
                {
                    ["*"] = new() { ["JP"] = 1m }, ["Co"] = new() { [CobaltSources[random.Next(CobaltSources.Length)]] = 1m },
                },
            });
            Line(Maker, "RegisterLot", null, new
            {
                lotNumber = graphite, category = "BatteryMaterial", material = "GRAPHITE", massKg = graphiteKg, occurredAt = Day(0),
                composition = new Dictionary<string, decimal> { ["C"] = 0.95m }, originCountry = "CN",
            });
            var packKg = Round((cathodeKg + graphiteKg) * 0.97m);
            Transform(Maker, "Manufacturing", Day(5), [(cathode, cathodeKg), (graphite, graphiteKg)],
                [new { lotNumber = pack, category = "BatteryMaterial", material = "LIB_PACK", massKg = packKg }]);
            PlaceCollectAndSend(pack, 15);
            // 80% of the pack is recycled; 85% of its cobalt and nickel come back as anhydrous sulfates (38% metal by mass).
            var (cobaltSulfate, nickelSulfate) = (Lot("RCO"), Lot("RNI"));
            var cobaltKg = cathodeKg * 0.12m * 0.97m * 0.8m;
            var nickelKg = cathodeKg * 0.48m * 0.97m * 0.8m;
            var recycledKg = Round(packKg * 0.8m);
            Transform(Recycler, "MaterialRecycling", Day(220), [(Ref(pack, options.Maker), recycledKg)],
            [
                new { lotNumber = cobaltSulfate, category = "BatteryMaterial", material = "COBALT_SULFATE", massKg = Round(cobaltKg * 0.85m / 0.38m),
                      composition = new Dictionary<string, decimal> { ["Co"] = 0.38m } },
                new { lotNumber = nickelSulfate, category = "BatteryMaterial", material = "NICKEL_SULFATE", massKg = Round(nickelKg * 0.85m / 0.38m),
                      composition = new Dictionary<string, decimal> { ["Ni"] = 0.38m } },
            ]);
            Line(Recycler, "TreatWaste", Ref(pack, options.Maker), new { occurredAt = Day(221), route = "Landfill", massKg = packKg - recycledKg });
            return 5;
        }

        public int Magnets()
        {
            var (dy, nd, iron, magnet, cars) = (Lot("DY"), Lot("ND"), Lot("FE"), Lot("MAGNET"), Lot("XEV"));
            var withDy = random.NextDouble() < 0.5;
            var magnetKg = Kg(100, 400);
            var (dyKg, ndKg) = (withDy ? Round(magnetKg * 0.04m) : 0m, Round(magnetKg * 0.3m));
            var ironKg = magnetKg - dyKg - ndKg;
            if (withDy) Line(Maker, "RegisterLot", null, Primary(dy, "DY_OXIDE", "Dy", 0.871m, dyKg));
            Line(Maker, "RegisterLot", null, Primary(nd, "ND_OXIDE", "Nd", 0.857m, ndKg));
            Line(Maker, "RegisterLot", null, Primary(iron, "IRON", "Fe", 1m, ironKg));
            List<(object Lot, decimal MassKg)> inputs = [(nd, ndKg), (iron, ironKg)];
            if (withDy) inputs.Insert(0, (dy, dyKg));
            Transform(Maker, "Manufacturing", Day(10), inputs,
                [new { lotNumber = magnet, category = "RareMetal", material = "NDFEB_MAGNET", massKg = Round(magnetKg * 0.95m) }]);
            var units = (int)(magnetKg / 2);
            Transform(Maker, "Manufacturing", Day(20), [(magnet, Round(magnetKg * 0.95m))],
                [new { lotNumber = cars, category = "Product", material = "XEV", massKg = Round(magnetKg * 0.95m), productType = "XEV", units }]);
            Line(Maker, "PlaceLotOnMarket", Ref(cars), new { occurredAt = Day(30), country = "JP" });
            return withDy ? 5 : 4;
        }

        /// <summary>Production scrap reground and reused, generation after generation: a lineage twelve deep.</summary>
        public int Regrind()
        {
            var massKg = Kg(10_000, 20_000);
            Line(Recycler, "RegisterLot", null, new
            {
                lotNumber = generator.Number(index, "G0"), category = "Plastic", material = "PP", massKg,
                occurredAt = Day(0), wasteKind = "PostConsumer",
            });
            for (var g = 1; g <= RegrindGenerations; g++)
            {
                var (previous, next) = (generator.Number(index, $"G{g - 1}"), generator.Number(index, $"G{g}"));
                if (g > 1) Line(Recycler, "CollectLotAsWaste", Ref(previous), new { occurredAt = Day(2 * g), wasteKind = "PreConsumer" });
                Transform(Recycler, "MaterialRecycling", Day(2 * g + 1), [(previous, massKg)],
                    [new { lotNumber = next, category = "Plastic", material = "PP", massKg = massKg - 10 }]);
                massKg -= 10;
            }
            return RegrindGenerations + 1;
        }

        /// <summary>Placed on the market, collected after use, sent to the recycler as waste.</summary>
        private void PlaceCollectAndSend(string lot, int day)
        {
            Line(Maker, "PlaceLotOnMarket", Ref(lot), new { occurredAt = Day(day), country = "JP" });
            Line(Maker, "CollectLotAsWaste", Ref(lot), new { occurredAt = Day(day + 150), wasteKind = "PostConsumer" });
            Line(Maker, "TransferLot", Ref(lot), new { occurredAt = Day(day + 160), toOrganization = options.Recycler });
        }

        private object Primary(string lotNumber, string material, string element, decimal fraction, decimal massKg) => new
        {
            lotNumber, category = "RareMetal", material, massKg, occurredAt = Day(0),
            originCountry = RareEarthSources[random.Next(RareEarthSources.Length)],
            composition = new Dictionary<string, decimal> { [element] = fraction },
        };

        private void Transform(List<string> file, string process, string occurredAt, List<(object Lot, decimal MassKg)> inputs, object[] outputs) =>
            Line(file, "RecordTransformation", null, new
            {
                process, occurredAt,
                inputs = inputs.Select(i => new { lot = i.Lot is string number ? Ref(number) : i.Lot, massKg = i.MassKg }),
                outputs,
            });

        private void Line(List<string> file, string op, object? lot, object body) =>
            file.Add(JsonSerializer.Serialize(new { op, idempotencyKey = $"{options.Run}-{index}-{++step}", lot, body }, Json));

        private string Lot(string suffix) => generator.Number(index, suffix);

        private static object Ref(string lotNumber, string? organization = null) => new { lotNumber, organization };

        private decimal Kg(int min, int max) => random.Next(min, max);

        private static decimal Round(decimal kg) => Math.Round(kg, 3);

        private string Day(int days) => start.AddDays(days).ToString("O", CultureInfo.InvariantCulture);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
