namespace Registry.Domain.Lots;

/// <summary>
/// The registry's own names of lot events, as every door shows them (<c>lot_registered</c>, …): renaming a class
/// never renames an event for clients. Each lot event has one (checked by a test over every ILotEvent type).
/// </summary>
public static class LotEventNames
{
    private static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(LotRegistered)] = "lot_registered",
        [typeof(LotProduced)] = "lot_produced",
        [typeof(LotTransferred)] = "lot_transferred",
        [typeof(LotPlacedOnMarket)] = "lot_placed_on_market",
        [typeof(LotCollectedAsWaste)] = "lot_collected_as_waste",
        [typeof(LotTreated)] = "lot_treated",
        [typeof(LotMassCorrected)] = "lot_mass_corrected",
        [typeof(LotConsumed)] = "lot_consumed",
        [typeof(LotSplit)] = "lot_split",
        [typeof(LotSplitOff)] = "lot_split_off",
        [typeof(LotObserved)] = "lot_observed",
        [typeof(LotReadGranted)] = "lot_read_granted",
        [typeof(LotReadGrantRevoked)] = "lot_read_grant_revoked",
    };

    public static IEnumerable<Type> Types => ByType.Keys;

    public static string Of(ILotEvent e) => ByType.TryGetValue(e.GetType(), out var name)
        ? name
        : throw new ArgumentException($"{e.GetType().Name} has no registry event name.", nameof(e));
}
