namespace Registry.Domain.Organizations;

/// <summary>A registered organization. Its API key is kept only as a SHA-256 hash.</summary>
public sealed record Organization(
    Guid Id, string Name, string Country, OrganizationRole Role, string ApiKeyHash, DateTimeOffset RegisteredAt)
{
    public Actor AsActor() => new(Id, Country);
}
