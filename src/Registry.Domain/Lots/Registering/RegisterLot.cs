using Registry.Domain.Materials;
using Registry.Domain.Organizations;

namespace Registry.Domain.Lots.Registering;

/// <summary>
/// A primary or imported lot enters the registry; with <c>WasteKind</c>, it enters as waste already collected
/// (e.g. post-consumer waste a recycler takes in). Shapes are checked by RegisterLotValidator.
/// </summary>
public sealed record RegisterLot(
    string? LotNumber,
    string? Category,
    string? Material,
    decimal? MassKg,
    DateTimeOffset? OccurredAt,
    string? Site = null,
    Dictionary<string, decimal>? Composition = null,
    Dictionary<string, Dictionary<string, decimal>>? Provenance = null,
    string? ProductType = null,
    int? Units = null,
    string? OriginCountry = null,
    string? WasteKind = null) : ILotDescription;

public static class RegisterLotDecider
{
    /// <summary>Starts the lot; undeclared provenance is the origin country's, which defaults to the actor's.</summary>
    public static Decision Decide(RegisterLot command, Guid lotId, Actor actor, DateTimeOffset now)
    {
        var occurredAt = command.OccurredAt!.Value;
        if (LotRules.CheckTime(occurredAt, now) is { } late) return late;

        var origin = command.OriginCountry ?? actor.Country;
        return Decision.AcceptBy(actor, new LotRegistered(
            lotId,
            command.LotNumber!,
            actor.OrganizationId,
            Enum.Parse<MaterialCategory>(command.Category!),
            command.Material!,
            command.MassKg!.Value,
            origin,
            command.Composition ?? [],
            WithBulk(command.Provenance, origin),
            command.Site,
            command.ProductType,
            command.Units,
            occurredAt,
            command.WasteKind is null ? null : Enum.Parse<WasteKind>(command.WasteKind)));
    }

    /// <summary>Every lot has a "*" distribution: the declared one, else all from the origin country.</summary>
    private static Dictionary<string, Dictionary<string, decimal>> WithBulk(
        Dictionary<string, Dictionary<string, decimal>>? declared, string origin)
    {
        var provenance = Materials.Provenance.FromOrigin(origin);
        foreach (var (component, sources) in declared ?? []) provenance[component] = sources;
        return provenance;
    }
}
