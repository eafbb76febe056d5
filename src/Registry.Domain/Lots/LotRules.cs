namespace Registry.Domain.Lots;

/// <summary>Checks every operation on an existing lot shares (domain.md, "Invariants").</summary>
public static class LotRules
{
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The first rule the actor and time break on this lot, or null when they may act.</summary>
    public static Rejection? CheckActorAndTime(Lot lot, Guid actor, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (CheckHolder(lot, actor) is { } notHolder) return notHolder;
        if (lot.Stage == LotStage.Closed)
            return new(RejectionKind.Conflict, "lot-closed", "The lot has no mass left.");
        return CheckTime(occurredAt, now, lot.LastOccurredAt);
    }

    /// <summary>Only the holder acts on a lot; a former custodian may still see it, so this is no secret.</summary>
    public static Rejection? CheckHolder(Lot lot, Guid actor) => lot.HolderId == actor
        ? null
        : new(RejectionKind.Forbidden, "not-holder", "Only the lot's current holder may act on it.");

    /// <summary>Who decides who reads the lot: its holder, or the organization that registered or produced it.</summary>
    public static Rejection? CheckHolderOrOwner(Lot lot, Guid actor) => lot.HolderId == actor || lot.OwnerId == actor
        ? null
        : new(RejectionKind.Forbidden, "not-holder-or-owner", "Only the lot's holder or owner may share it.");

    /// <summary>No more mass may leave a lot than remains in it.</summary>
    public static Rejection? CheckRemaining(Lot lot, decimal massKg, string field) => massKg > lot.RemainingKg
        ? new(RejectionKind.InvalidField, "exceeds-remaining-mass",
            $"massKg {massKg} exceeds the lot's remaining {lot.RemainingKg} kg.", field)
        : null;

    public static Rejection? CheckTime(DateTimeOffset occurredAt, DateTimeOffset now, DateTimeOffset? previous = null)
    {
        if (occurredAt > now + AllowedClockSkew)
            return new(RejectionKind.InvalidField, "in-future",
                "occurredAt is more than 5 minutes in the future.", "occurredAt");
        if (previous is { } p && occurredAt < p)
            return new(RejectionKind.InvalidField, "before-previous-event",
                $"occurredAt is earlier than the lot's previous event ({p:O}).", "occurredAt");
        return null;
    }
}
