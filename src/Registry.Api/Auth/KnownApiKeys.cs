using System.Collections.Concurrent;
using Marten;
using Marten.Services;
using Registry.Domain.Organizations;

namespace Registry.Api.Auth;

/// <summary>
/// Organizations already authenticated, by key hash, for a few seconds (<c>Registry:ApiKeyCacheSeconds</c>, 10).
/// A replaced key stops working as soon as the replacement commits: in this process by the session's commit
/// listener, in every other API process by a PostgreSQL notification sent in the same transaction
/// (<see cref="ApiKeyRevocationListener"/>); a process that missed notifications trusts a key for that long at most.
/// </summary>
public sealed class KnownApiKeys(IConfiguration configuration, TimeProvider clock)
{
    public const string RevocationChannel = "registry_api_key_replaced";

    private readonly ConcurrentDictionary<string, (Organization Organization, DateTimeOffset Until)> byHash = new();
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(configuration.GetValue("Registry:ApiKeyCacheSeconds", 10));

    public Organization? Find(string hash) =>
        byHash.TryGetValue(hash, out var known) && known.Until > clock.GetUtcNow() ? known.Organization : null;

    private int forgotten;

    /// <summary>Read before looking a key up: a key replaced while the lookup ran is then not remembered.</summary>
    public int Generation => Volatile.Read(ref forgotten);

    public void Remember(string hash, Organization organization, int generation)
    {
        if (generation != Generation) return;
        byHash[hash] = (organization, clock.GetUtcNow() + lifetime);
        if (generation != Generation) byHash.TryRemove(hash, out _); // a replacement landed meanwhile
    }

    public void Forget(Guid organizationId)
    {
        Interlocked.Increment(ref forgotten);
        foreach (var (hash, known) in byHash)
            if (known.Organization.Id == organizationId) byHash.TryRemove(hash, out _);
    }

    public void ForgetAll()
    {
        Interlocked.Increment(ref forgotten);
        byHash.Clear();
    }

    /// <summary>Forgets the organization's cached key once the session that replaces it commits, not before (a
    /// request authenticated in between would cache the old key again), here and in every other API process.</summary>
    public void ForgetAfterCommit(IDocumentSession session, Guid organizationId)
    {
        session.QueueSqlCommand("select pg_notify(?, ?)", RevocationChannel, organizationId.ToString());
        session.Listeners.Add(new ForgetOnCommit(this, organizationId));
    }

    private sealed class ForgetOnCommit(KnownApiKeys keys, Guid organizationId) : DocumentSessionListenerBase
    {
        public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            keys.Forget(organizationId);
            return Task.CompletedTask;
        }
    }
}
