using Registry.Domain.Lots;
using Registry.Domain.Organizations;

namespace Registry.Api.Epcis.Exporting;

/// <summary>What an exported event names an organization by: its party GLN when it registered one.</summary>
public sealed record ExportOrganization(string Name, string? Gln)
{
    public static ExportOrganization Of(Organization organization) => new(organization.Name, organization.Gln);
}

/// <summary>
/// What <see cref="EpcisExport.Rows"/> reads beside one decision's events.
/// </summary>
/// <param name="LotBefore">The lots as they were before the decision (null: no such lot), with their stream
/// <c>Version</c> (as Marten's FetchForWriting and the import's batch keep it). Read for the GS1 class, remaining mass
/// and version of the lots a decision moves, consumes or observes; new lots (registered, produced, split off) are read
/// from their own events.</param>
/// <param name="Organizations">Organizations by id (null: unknown; it is then named by its registry id).</param>
/// <param name="ActorOrganizationId">The organization whose command it is: the rows' <c>capturedBy</c>.</param>
/// <param name="RecordTime">When the registry recorded the decision: the events' <c>recordTime</c>.</param>
public sealed record ExportContext(
    Func<Guid, Lot?> LotBefore,
    Func<Guid, ExportOrganization?> Organizations,
    Guid ActorOrganizationId,
    DateTimeOffset RecordTime);
