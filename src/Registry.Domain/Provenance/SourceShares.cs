namespace Registry.Domain.Provenance;

/// <summary>
/// Turns non-negative weights per source into shares that sum to exactly 1 (docs/adr/0004-provenance.md):
/// each share is rounded half-to-even to <see cref="Decimals"/> places, zero shares are dropped, and the
/// rounding residue (at most a few units of the last place) goes to the largest share.
/// </summary>
public static class SourceShares
{
    public const int Decimals = 9;

    public static Dictionary<string, decimal> Normalize(IReadOnlyDictionary<string, decimal> weights)
    {
        var total = weights.Values.Sum();
        if (total <= 0) return [];

        var shares = weights
            .Where(w => w.Value > 0)
            .ToDictionary(w => w.Key, w => Math.Round(w.Value / total, Decimals, MidpointRounding.ToEven));
        foreach (var zero in shares.Where(s => s.Value == 0).Select(s => s.Key).ToList()) shares.Remove(zero);

        var largest = shares.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
        shares[largest] += 1m - shares.Values.Sum();
        return shares;
    }
}
