using GraphQL;
using GraphQL.Types;
using Marten;
using Registry.Api.Auth;
using Registry.Domain.Organizations;

namespace Registry.Api.GraphQL.Organizations;

/// <summary>The participants' directory: whom a lot can be transferred to, and by which GLN EPCIS names them.</summary>
public static class OrganizationFields
{
    /// <summary>Far above the participants of one registry; a directory past it is refused rather than cut.</summary>
    public const int MaxEntries = 10_000;

    public static void AddOrganizationFields(this ObjectGraphType query)
    {
        query.Field<ListGraphType<NonNullGraphType<OrganizationEntryType>>>("organizations")
            .Argument<RestSpelledEnumGraphType<OrganizationRole>>("role")
            .Description("Every registered organization (of a role), by name: name, role, country and party GLN.")
            .WithComplexityImpact(1, 100)
            .ResolveAsync(async c =>
            {
                IQueryable<Organization> organizations = c.Service<IQuerySession>().Query<Organization>();
                if (c.GetArgument<OrganizationRole?>("role") is { } role) organizations = organizations.Where(o => o.Role == role);
                var entries = await organizations.OrderBy(o => o.Name).Take(MaxEntries + 1).ToListAsync(c.CancellationToken);
                if (entries.Count > MaxEntries)
                    throw new ExecutionError($"More than {MaxEntries} organizations: ask for one role.") { Code = ErrorCodes.InvalidArgument };
                return entries;
            });
        // The dashboard asks it after sign-in: which pages (ministry or company) the key opens.
        query.Field<OrganizationEntryType>("viewer")
            .Description("The signed-in organization: name, role, country and party GLN.")
            .ResolveAsync(async c => await c.Service<IQuerySession>().LoadAsync<Organization>(c.User!.OrganizationId(), c.CancellationToken));
    }
}

public sealed class OrganizationEntryType : ObjectGraphType<Organization>
{
    public OrganizationEntryType()
    {
        Name = "OrganizationEntry";
        Field(x => x.Name);
        Field<NonNullGraphType<RestSpelledEnumGraphType<OrganizationRole>>>("role").Resolve(c => c.Source.Role);
        Field(x => x.Country);
        Field(x => x.Gln, nullable: true).Description("The party GLN, when the organization gave one.");
    }
}
