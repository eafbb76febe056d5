using System.Security.Claims;
using Registry.Domain.Organizations;

namespace Registry.Api.Auth;

public static class Roles
{
    public const string Admin = nameof(OrganizationRole.Admin);
    /// <summary>Organizations that record lots: ministries and admins only read.</summary>
    public const string LotWriters = $"{nameof(OrganizationRole.Manufacturer)},{nameof(OrganizationRole.Recycler)}";

    public const string CountryClaim = "country";

    public static Actor ToActor(this ClaimsPrincipal user) =>
        new(OrganizationId(user), user.FindFirstValue(CountryClaim)!);

    public static Guid OrganizationId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static bool SeesEveryLot(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(OrganizationRole.Ministry)) || user.IsInRole(Admin);
}
