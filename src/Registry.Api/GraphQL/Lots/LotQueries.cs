using System.Security.Claims;
using GraphQL;
using Marten;
using Marten.Linq.MatchesSql;
using Registry.Api.Auth;
using Registry.Api.Epcis;
using Registry.Domain.Lots;

namespace Registry.Api.GraphQL.Lots;

/// <summary>
/// Reads of the inline lot view. Ministries and admins see every lot; a company sees the lots it registered,
/// produced or has held, and those shared with it by a grant still active at <c>now</c>.
/// </summary>
public static class LotQueries
{
    public const int MaxPageSize = 500;

    public static async Task<Lot?> LotAsync(
        IQuerySession session, OrganizationNames names, ClaimsPrincipal user, DateTimeOffset now, string? id, string? lotNumber,
        string? organization, CancellationToken cancellation)
    {
        Lot? lot;
        if (id is not null)
        {
            lot = await session.LoadAsync<Lot>(ParseId(id, "id"), cancellation);
        }
        else if (lotNumber is not null)
        {
            // Without an organization, the lot number is the caller's own organization's.
            var owner = organization is null ? user.OrganizationId() : await names.IdOfAsync(organization, cancellation);
            lot = owner is null ? null : await session.Query<Lot>()
                .FirstOrDefaultAsync(l => l.OwnerId == owner && l.LotNumber == lotNumber, cancellation);
        }
        else
        {
            throw new ExecutionError("Give either id, or lotNumber (with organization, else your own organization's).") { Code = ErrorCodes.InvalidArgument };
        }
        return lot is not null && user.CanSee(lot, now) ? lot : null;
    }

    public static async Task<LotConnection> LotsAsync(
        IQuerySession session, OrganizationNames names, ClaimsPrincipal user, DateTimeOffset now, LotFilter? filter, int first,
        string? after, CancellationToken cancellation)
    {
        if (first is < 1 or > MaxPageSize)
            throw new ExecutionError($"first must be between 1 and {MaxPageSize}.") { Code = ErrorCodes.InvalidArgument };

        IQueryable<Lot> lots = session.Query<Lot>();
        if (!user.SeesEveryLot())
        {
            var me = user.OrganizationId().ToString("D");
            lots = lots.Where(l => l.MatchesSql('^', LotVisibilitySql.VisibleToCompany("d", "^", "^"), me, me, me, now));
        }
        if (filter?.Category is { } category) lots = lots.Where(l => l.Category == category);
        if (filter?.Material is { } material) lots = lots.Where(l => l.Material == material);
        if (filter?.Stage is { } stage) lots = lots.Where(l => l.Stage == stage);
        if (filter?.EpcClass is { } epcClass)
        {
            var canonical = LotClasses.Canonical(epcClass) ?? throw new ExecutionError(
                "epcClass must be a GTIN with a lot: urn:epc:class:lgtin:… or a GS1 Digital Link.") { Code = ErrorCodes.InvalidArgument };
            lots = lots.Where(l => l.EpcClass == canonical);
        }
        if (filter?.Holder is { } holderName)
        {
            var holder = await names.IdOfAsync(holderName, cancellation) ?? Guid.Empty;
            lots = lots.Where(l => l.HolderId == holder);
        }
        // totalCount: the same filter and visibility, without the cursor, counted only when asked for.
        var matching = lots;
        Func<CancellationToken, Task<int>> count = c => matching.CountAsync(c);
        // Lot ids are UUIDv7, so id order is registration order and a cursor is the last id seen.
        if (after is not null)
        {
            var afterId = ParseId(Cursor.Decode(after) ?? "", "after");
            lots = lots.Where(l => l.MatchesSql("d.id > ?", afterId));
        }

        var page = await lots.OrderBy(l => l.Id).Take(first + 1).ToListAsync(cancellation);
        var edges = page.Take(first).Select(l => new LotEdge(Cursor.Encode(l.Id.ToString()), l)).ToList();
        return new LotConnection(edges, new PageInfo(page.Count > first, edges.LastOrDefault()?.Cursor), count);
    }

    private static Guid ParseId(string value, string argument) =>
        Guid.TryParse(value, out var id)
            ? id
            : throw new ExecutionError($"{argument} is not a valid id.") { Code = ErrorCodes.InvalidArgument };
}

/// <summary>Opaque cursors: base64 of the last id, so clients do not build them.</summary>
public static class Cursor
{
    public static string Encode(string value) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value));

    public static string? Decode(string cursor)
    {
        var bytes = new byte[cursor.Length];
        return Convert.TryFromBase64String(cursor, bytes, out var length)
            ? System.Text.Encoding.UTF8.GetString(bytes, 0, length)
            : null;
    }
}
