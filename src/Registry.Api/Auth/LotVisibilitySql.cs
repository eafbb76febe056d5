namespace Registry.Api.Auth;

/// <summary>
/// <see cref="Registry.Domain.Lots.Lot.IsVisibleTo"/> for a company, as SQL over a lot document row: the reads that
/// filter lots in PostgreSQL (lot pages, EPCIS queries, exposure) use it, so they agree with the domain's rule.
/// Custodians and grantees are found by their GIN indexes (lot_custodians, lot_grantees); a grant is then checked
/// to be unrevoked and unexpired at the reader's time. With positional placeholders, pass each parameter as often as
/// its placeholder appears, in order.
/// </summary>
public static class LotVisibilitySql
{
    /// <param name="lot">The alias of the lot document table (<c>mt_doc_lot</c>).</param>
    /// <param name="organization">A text parameter, the reader's id <c>D</c>-formatted (three uses).</param>
    /// <param name="now">A timestamptz parameter: the reader's time.</param>
    public static string VisibleToCompany(string lot, string organization, string now) =>
        $"({Custodian(lot, organization)} or {ActiveGrantee(lot, organization, now)})";

    /// <summary>The lot's custodians include the organization.</summary>
    public static string Custodian(string lot, string organization) => $"({lot}.data ->> 'Custodians')::jsonb ? {organization}";

    /// <summary>A grant on the lot to the organization is neither revoked nor expired at <paramref name="now"/>
    /// (two uses of <paramref name="organization"/>).</summary>
    public static string ActiveGrantee(string lot, string organization, string now) =>
        $"(({lot}.data ->> 'Grantees')::jsonb ? {organization} and exists (select 1 from jsonb_array_elements({lot}.data -> 'Grants') g " +
        $"where g ->> 'GranteeId' = {organization} and not (g ->> 'Revoked')::boolean " +
        $"and (g ->> 'ExpiresAt' is null or (g ->> 'ExpiresAt')::timestamptz > {now})))";
}
