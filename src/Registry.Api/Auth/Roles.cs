using System.Security.Claims;
using Registry.Domain.Lots;
using Registry.Domain.Organizations;

namespace Registry.Api.Auth;

public static class Roles
{
    public const string Admin = nameof(OrganizationRole.Admin);
    /// <summary>Organizations that record lots: ministries and admins only read.</summary>
    public const string LotWriters = $"{nameof(OrganizationRole.Manufacturer)},{nameof(OrganizationRole.Recycler)}";

    public const string CountryClaim = "country";

    /// <summary>The organization as a signed-in user: by its API key, or again for a capture job resumed after a restart.</summary>
    public static ClaimsPrincipal PrincipalOf(Organization organization, string authenticationType) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, organization.Id.ToString()),
        new Claim(ClaimTypes.Name, organization.Name),
        new Claim(ClaimTypes.Role, organization.Role.ToString()),
        new Claim(CountryClaim, organization.Country),
    ], authenticationType));

    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(OrganizationId(user), user.FindFirstValue(CountryClaim)!);

    public static Guid OrganizationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static OrganizationRole Role(this ClaimsPrincipal user) =>
        Enum.Parse<OrganizationRole>(user.FindFirstValue(ClaimTypes.Role)!);

    /// <summary>The domain's visibility rule for the signed-in organization (<see cref="Lot.IsVisibleTo"/>).</summary>
    public static bool CanSee(this ClaimsPrincipal user, Lot lot, DateTimeOffset now) =>
        lot.IsVisibleTo(user.OrganizationId(), user.Role(), now);

    public static bool SeesEveryLot(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(OrganizationRole.Ministry)) || user.IsInRole(Admin);
}
