using System.Security.Claims;
using Marten;
using Registry.Api.Auth;
using Registry.Api.Epcis.Querying;
using Registry.Api.GraphQL.Lots;
using Registry.Api.Reads;
using Registry.Domain.Lots;
using Registry.Domain.Organizations;
using Registry.Domain.Passports;

namespace Registry.Api.Passports;

/// <summary>
/// Reads passports for both doors. Who sees what: a lot placed on the market has a public tier for anyone, key or
/// none; the organizations that may see the lot (<see cref="Roles.CanSee"/>, ministries and admins included) get the
/// restricted tier too, and a passport of a lot not yet placed. Any other lot has no passport for the caller, and is
/// answered exactly as a lot that does not exist. Every read is a few indexed loads.
/// </summary>
public sealed class PassportReader(IQuerySession session, EpcisEventQueries events, TimeProvider clock, LotReadRecorder reads)
{
    /// <summary>The custody chain lists at most this many events (then says it is truncated).</summary>
    public const int MaxCustodyEvents = 100;

    /// <summary>A Digital Link names at most this many lots read (an identity's lots across owners, and their parts).</summary>
    public const int MaxLotsPerIdentity = 50;

    /// <summary>The lot's passport as the caller may see it; null when there is none it may see.</summary>
    public async Task<Passport?> ReadAsync(Guid lotId, ClaimsPrincipal user, CancellationToken cancellation)
    {
        if (await session.LoadAsync<Lot>(lotId, cancellation) is not { } lot || Tier(lot, user) is not { } tier) return null;
        // The restricted tier is a read of the company's data (ADR 0014); the public tier is anyone's.
        if (tier == PassportTier.Restricted) reads.Record(user, [lot], "passport", clock.GetUtcNow());
        return await ReadAsync(lot, tier, cancellation);
    }

    /// <summary>
    /// The lot whose GS1 identity is <paramref name="epcClass"/> (a canonical Digital Link) and whose passport the caller
    /// may see: the first registered of them, so the lot itself before the parts split off it.
    /// </summary>
    public async Task<Guid?> ResolveAsync(string epcClass, ClaimsPrincipal user, CancellationToken cancellation)
    {
        var lots = await session.Query<Lot>().Where(l => l.EpcClass == epcClass).OrderBy(l => l.Id)
            .Take(MaxLotsPerIdentity).ToListAsync(cancellation);
        return lots.FirstOrDefault(l => Tier(l, user) is not null)?.Id;
    }

    private enum PassportTier { Public, Restricted }

    private PassportTier? Tier(Lot lot, ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.CanSee(lot, clock.GetUtcNow()) ? PassportTier.Restricted
        : PassportFigures.IsPublic(lot) ? PassportTier.Public
        : null;

    private async Task<Passport> ReadAsync(Lot lot, PassportTier tier, CancellationToken cancellation)
    {
        // A part of a partial transfer was made when the lot it was split off was.
        var made = lot.SplitPath.Count > 0 ? await session.LoadAsync<Lot>(lot.SplitPath[0], cancellation) ?? lot : lot;
        var organizations = (await session.LoadManyAsync<Organization>(cancellation, lot.OwnerId, lot.HolderId))
            .ToDictionary(o => o.Id, o => o.Name);
        string NameOf(Guid id) => organizations.GetValueOrDefault(id, id.ToString());

        return new Passport(
            lot.Id, PassportIds.Urn(lot.Id), PassportFigures.KindOf(lot), PassportFigures.IsPublic(lot),
            new PassportIdentity(lot.LotNumber, lot.EpcClass, NameOf(lot.OwnerId), lot.OriginCountry, made.StartedAt,
                lot.Category, lot.Material, lot.ProductType, lot.Units, lot.MassKg, PassportFigures.StatusOf(lot), lot.MarketCountry),
            new PassportChemistry(lot.Material, PassportFigures.MaterialsOf(lot), CriticalRawMaterials.Source),
            new PassportCircularity(PassportFigures.RecycledContent(lot), PassportFigures.RecycledContentMethod),
            new PassportEndOfLife(lot.Stage, lot.WasteKind),
            tier == PassportTier.Restricted ? await RestrictedAsync(lot, NameOf(lot.HolderId), cancellation) : null);
    }

    private async Task<PassportRestricted> RestrictedAsync(Lot lot, string holder, CancellationToken cancellation)
    {
        var chain = await events.AboutLotAsync(lot.Id, MaxCustodyEvents + 1, cancellation);
        return new PassportRestricted(holder, lot.Site, lot.RemainingKg, LotComponents.Shares(lot).ToList(),
            LotComponents.Provenance(lot).ToList(),
            chain.Take(MaxCustodyEvents).Select(e => new CustodyEvent(e.EventId, e.EventType, e.BizStep, e.EventTime,
                "/epcis/events/" + Uri.EscapeDataString(e.EventId))).ToList(),
            chain.Count > MaxCustodyEvents);
    }
}

/// <summary>The names a passport goes by.</summary>
public static class PassportIds
{
    public static string Urn(Guid lotId) => $"{Epcis.Exporting.EpcisExport.CmrNamespace}passport:{lotId}";

    public static string Path(Guid lotId) => $"/passports/{lotId}";
}
