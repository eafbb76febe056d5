using JasperFx.Events;
using Marten.Events.Aggregation;
using Registry.Domain.Lots;

namespace Registry.Projections.Lots;

/// <summary>
/// The lot view, projected inline so a write and its read agree (read-your-writes); it is also the state
/// deciders receive through FetchForWriting. The fold itself is the domain's <see cref="Lot"/>: a new lot event
/// needs nothing here.
/// </summary>
public partial class LotProjection : SingleStreamProjection<Lot, Guid>
{
    public override Lot? Evolve(Lot? snapshot, Guid id, IEvent e) => e.Data switch
    {
        ILotStarted started => Lot.Start(started),
        ILotEvent next when snapshot is not null => snapshot.Fold(next),
        _ => snapshot,
    };
}
