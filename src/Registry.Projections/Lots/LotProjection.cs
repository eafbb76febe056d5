using Marten.Events.Aggregation;
using Registry.Domain.Lots;

namespace Registry.Projections.Lots;

/// <summary>
/// The lot view, projected inline so a write and its read agree (read-your-writes); it is also the state
/// deciders receive through FetchForWriting. The fold itself lives in the domain's <see cref="Lot"/>.
/// </summary>
public partial class LotProjection : SingleStreamProjection<Lot, Guid>
{
    public static Lot Create(LotRegistered e) => Lot.Create(e);
    public static Lot Create(LotProduced e) => Lot.Create(e);
    public static Lot Create(LotSplitOff e) => Lot.Create(e);
    public static Lot Apply(LotSplit e, Lot lot) => lot.Apply(e);
    public static Lot Apply(LotConsumed e, Lot lot) => lot.Apply(e);
    public static Lot Apply(LotTransferred e, Lot lot) => lot.Apply(e);
    public static Lot Apply(LotPlacedOnMarket e, Lot lot) => lot.Apply(e);
    public static Lot Apply(LotCollectedAsWaste e, Lot lot) => lot.Apply(e);
    public static Lot Apply(LotTreated e, Lot lot) => lot.Apply(e);
    public static Lot Apply(LotMassCorrected e, Lot lot) => lot.Apply(e);
}
