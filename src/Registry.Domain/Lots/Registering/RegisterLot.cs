using Registry.Domain.Materials;
using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Registering;

/// <summary>
/// A primary or imported lot enters the registry; with <c>WasteKind</c>, it enters as waste already collected
/// (e.g. post-consumer waste a recycler takes in). <c>EpcClass</c> is its GS1 identity in canonical Digital Link form.
/// Complete and typed: every door validates its request first.
/// </summary>
public sealed record RegisterLot(
    string LotNumber,
    MaterialCategory Category,
    string Material,
    decimal MassKg,
    DateTimeOffset OccurredAt,
    string? Site = null,
    IReadOnlyDictionary<string, decimal>? Composition = null,
    IReadOnlyDictionary<string, Dictionary<string, decimal>>? Provenance = null,
    string? ProductType = null,
    int? Units = null,
    string? OriginCountry = null,
    WasteKind? WasteKind = null,
    string? EpcClass = null);

public static class RegisterLotDecider
{
    /// <summary>Starts the lot; undeclared provenance is the origin country's, which defaults to the actor's.</summary>
    public static Decision Decide(RegisterLot command, Guid lotId, Actor actor, DateTimeOffset now)
    {
        if (LotRules.CheckTime(command.OccurredAt, now) is { } late) return late;

        var origin = command.OriginCountry ?? actor.Country;
        return Decision.AcceptBy(actor, new LotRegistered(
            lotId, command.LotNumber, actor.OrganizationId, command.Category, command.Material, command.MassKg, origin,
            command.Composition ?? new Dictionary<string, decimal>(), WithBulk(command.Provenance, origin),
            command.Site, command.ProductType, command.Units, command.OccurredAt, command.WasteKind, command.EpcClass));
    }

    /// <summary>Every lot has a "*" distribution: the declared one, else all from the origin country.</summary>
    private static Dictionary<string, Dictionary<string, decimal>> WithBulk(
        IReadOnlyDictionary<string, Dictionary<string, decimal>>? declared, string origin)
    {
        var provenance = Materials.Provenance.FromOrigin(origin);
        foreach (var (component, sources) in declared ?? new Dictionary<string, Dictionary<string, decimal>>())
            provenance[component] = sources;
        return provenance;
    }
}
