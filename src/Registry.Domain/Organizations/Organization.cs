namespace Registry.Domain.Organizations;

/// <summary>A registered organization. Its API key is kept only as a SHA-256 hash.</summary>
/// <param name="Gln">Its party GLN (13 digits), by which EPCIS events name it as owning party.</param>
public sealed record Organization(
    Guid Id, string Name, string Country, OrganizationRole Role, string ApiKeyHash, DateTimeOffset RegisteredAt,
    string? Gln = null)
{
    public Actor AsActor() => new(Id, Country);
}
