using Marten;
using Registry.Api.Organizations;
using Registry.Domain.Lots;
using Registry.Domain.Lots.CollectingWaste;
using Registry.Domain.Lots.Placing;
using Registry.Domain.Lots.Registering;
using Registry.Domain.Lots.Transferring;
using Registry.Domain.Lots.Treating;
using Registry.Domain.Organizations;

namespace Registry.Api.Demo;

/// <summary>
/// Development only: the demo organizations (keys listed in the README) and a few lots with a short history,
/// decided by the same deciders the routes use. Idempotent: a lot whose lot number the owner already
/// registered is left as it is.
/// </summary>
public sealed class DemoData(IDocumentStore store, ILogger<DemoData> logger) : IHostedService
{
    private static readonly DateTimeOffset Day = new(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    public async Task StartAsync(CancellationToken cancellation)
    {
        await using var session = store.LightweightSession();
        await OrganizationSeeder.EnsureAsync(session, "Demo Admin", "JP", OrganizationRole.Admin, "demo-admin", cancellation);
        var maker = await OrganizationSeeder.EnsureAsync(
            session, "Demo Maker", "JP", OrganizationRole.Manufacturer, "demo-maker", cancellation);
        var recycler = await OrganizationSeeder.EnsureAsync(
            session, "Demo Recycler", "JP", OrganizationRole.Recycler, "demo-recycler", cancellation);
        await OrganizationSeeder.EnsureAsync(session, "Demo Ministry", "JP", OrganizationRole.Ministry, "demo-ministry", cancellation);
        await session.SaveChangesAsync(cancellation);

        var seeded = 0;
        var bioPet = new RegisterLot("DEMO-PET-0001", "Plastic", "PET", 1200m, Day, "Chiba",
            Provenance: new() { ["*"] = new() { ["JP"] = 0.7m, ["bio"] = 0.3m } });
        seeded += await SeedAsync(session, bioPet, maker.AsActor(),
            lot => PlaceLotOnMarketDecider.Decide(new(Day.AddDays(2), "JP"), lot, maker.AsActor(), Day.AddDays(2)));

        var packaging = new RegisterLot("DEMO-PKG-0001", "Product", "PACKAGING", 800m, Day, ProductType: "PET_BOTTLE");
        seeded += await SeedAsync(session, packaging, maker.AsActor(),
            lot => PlaceLotOnMarketDecider.Decide(new(Day.AddDays(1), "JP"), lot, maker.AsActor(), Day.AddDays(1)),
            lot => CollectLotAsWasteDecider.Decide(new(Day.AddDays(60), "PostConsumer"), lot, maker.AsActor(), Day.AddDays(60)),
            lot => TransferLotDecider.Decide(new("Demo Recycler", Day.AddDays(61)), lot, maker.AsActor(), recycler.AsActor(), Day.AddDays(61)),
            lot => TreatWasteDecider.Decide(new(Day.AddDays(65), "EnergyRecovery", 300m), lot, recycler.AsActor(), Day.AddDays(65)),
            lot => TreatWasteDecider.Decide(new(Day.AddDays(66), "Landfill", 50m), lot, recycler.AsActor(), Day.AddDays(66)));

        var cathode = new RegisterLot("DEMO-NMC-0001", "BatteryMaterial", "NMC_CATHODE", 500m, Day,
            Composition: new() { ["Ni"] = 0.48m, ["Co"] = 0.12m, ["Mn"] = 0.11m, ["Li"] = 0.07m },
            Provenance: new() { ["*"] = new() { ["JP"] = 1m }, ["Co"] = new() { ["CD"] = 0.8m, ["AU"] = 0.2m } });
        seeded += await SeedAsync(session, cathode, maker.AsActor());

        // Dy2O3 is 87.1% dysprosium by mass (2 × 162.50 / 373.00).
        var dysprosium = new RegisterLot("DEMO-DY-0001", "RareMetal", "DY_OXIDE", 50m, Day,
            Composition: new() { ["Dy"] = 0.871m, ["O"] = 0.129m }, OriginCountry: "CN");
        seeded += await SeedAsync(session, dysprosium, maker.AsActor());

        await session.SaveChangesAsync(cancellation);
        logger.LogInformation("Demo data: {Count} lots seeded (existing ones left as they were).", seeded);
    }

    private static async Task<int> SeedAsync(
        IDocumentSession session, RegisterLot registration, Actor owner, params Func<Lot, Decision>[] then)
    {
        if (await session.Query<Lot>().AnyAsync(l => l.OwnerId == owner.OrganizationId && l.LotNumber == registration.LotNumber))
            return 0;

        var lotId = Guid.CreateVersion7();
        var registered = (LotRegistered)Accepted(RegisterLotDecider.Decide(registration, lotId, owner, Day))[0];
        var lot = Lot.Create(registered);
        var events = new List<object> { registered };
        foreach (var decide in then)
        {
            foreach (var e in Accepted(decide(lot)))
            {
                lot = lot.Apply((ILotEvent)e);
                events.Add(e);
            }
        }
        session.Events.StartStream<Lot>(lotId, events);
        return 1;
    }

    private static IReadOnlyList<object> Accepted(Decision decision) =>
        decision.Rejection is { } r
            ? throw new InvalidOperationException($"Demo data was rejected: {r.Code}: {r.Detail}")
            : decision.Events;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
