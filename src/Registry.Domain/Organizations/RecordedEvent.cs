namespace Registry.Domain.Organizations;

/// <summary>
/// What every event carries about who recorded it beyond its id: the acting organization's country at the time,
/// so the KPIs' regions and the supply figures are what the registry knew then, even after the organization moves or
/// every projection is rebuilt. Events recorded before it was stamped carry null (the projections then read the
/// organization's current country).
/// </summary>
public abstract record RecordedEvent
{
    public string? ActorCountry { get; init; }
}
