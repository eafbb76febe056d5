using Registry.Domain.Organizations;

namespace Registry.Domain.Lots;

public enum RejectionKind
{
    /// <summary>A field's value is wrong for this lot (e.g. more mass than remains): the request is bad input.</summary>
    InvalidField,
    /// <summary>The actor may not act on this lot.</summary>
    Forbidden,
    /// <summary>The lot's stage does not allow the operation.</summary>
    Conflict,
    /// <summary>A lot the request names does not exist.</summary>
    NotFound,
}

/// <param name="Code">Stable, machine-readable reason, e.g. <c>not-holder</c>.</param>
/// <param name="Field">The request field at fault, for <see cref="RejectionKind.InvalidField"/>.</param>
public sealed record Rejection(RejectionKind Kind, string Code, string Detail, string? Field = null);

/// <summary>What a decider answers: the events to append, or why nothing may be appended.</summary>
public sealed record Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public static Decision Accept(params object[] events) => new(events, null);

    /// <summary>Accepts events recorded by <paramref name="actor"/>, each stamped with the actor's country.</summary>
    public static Decision AcceptBy(Actor actor, params object[] events) =>
        Accept(events.Select(e => e is RecordedEvent recorded ? recorded with { ActorCountry = actor.Country } : e).ToArray());
    public static Decision Reject(Rejection rejection) => new([], rejection);
    public static implicit operator Decision(Rejection rejection) => Reject(rejection);
}
