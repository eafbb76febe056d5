using System.Collections.Concurrent;

namespace Registry.Api.Auth;

/// <summary>
/// Failed authentications per client address (<c>Registry:FailedAuthentications:PermitLimit</c> per
/// <c>WindowSeconds</c>, 30 a minute), in fixed windows. A lookup of a key not in the cache reserves a failure
/// before it runs (so concurrent guesses cannot all slip past the count) and gives it back when the key is found;
/// past the limit, keys from that address are refused with 429 without a database lookup. Behind a proxy, configure
/// forwarded headers so the address is the client's: otherwise one guesser blocks everyone behind it.
/// </summary>
public sealed class FailedAuthentications(IConfiguration configuration, TimeProvider clock)
{
    private const int MaxTrackedAddresses = 100_000;
    private readonly int limit = configuration.GetValue("Registry:FailedAuthentications:PermitLimit", 30);
    private readonly TimeSpan window = TimeSpan.FromSeconds(configuration.GetValue("Registry:FailedAuthentications:WindowSeconds", 60));
    private readonly ConcurrentDictionary<string, Window> windows = new();

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Failures;
    }

    /// <summary>Reserves a failure for a lookup about to run: null when it may run, else how long the address waits.</summary>
    public TimeSpan? Reserve(string address)
    {
        var now = clock.GetUtcNow();
        if (windows.Count > MaxTrackedAddresses) Prune(now);
        var current = windows.GetOrAdd(address, _ => new Window(now));
        lock (current)
        {
            if (now - current.Start >= window) (current.Start, current.Failures) = (now, 0);
            if (current.Failures >= limit) return current.Start + window - now;
            current.Failures++;
            return null;
        }
    }

    /// <summary>The key was found: the reserved failure was none.</summary>
    public void Release(string address)
    {
        if (!windows.TryGetValue(address, out var current)) return;
        lock (current)
            if (current.Failures > 0) current.Failures--;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, past) in windows)
            if (now - past.Start >= window) windows.TryRemove(address, out _);
    }
}
