using System.Diagnostics;

namespace Registry.Benchmarks;

public sealed record LatencyResult(int Clients, int Requests, int Failures, double PerSecond, double P50Ms, double P99Ms);

/// <summary>Closed-loop load: <c>clients</c> concurrent callers, each sending its next request when the last answered.</summary>
public static class Latency
{
    public static async Task<LatencyResult> MeasureAsync(
        int clients, TimeSpan duration, Func<int, long, Task<bool>> send, TimeSpan? warmup = null)
    {
        await RunAsync(clients, warmup ?? TimeSpan.FromSeconds(2), send, [], -1_000_000);
        var samples = new List<double>[clients];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await RunAsync(clients, duration, async (client, n) =>
        {
            var ok = await send(client, n);
            if (!ok) Interlocked.Increment(ref failures);
            return ok;
        }, samples, 0);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = samples.SelectMany(s => s).Order().ToArray();
        return new(clients, all.Length, failures, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static Task RunAsync(int clients, TimeSpan duration, Func<int, long, Task<bool>> send, List<double>[] samples, long offset)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = new List<double>();
            if (samples.Length > 0) samples[client] = mine;
            for (long n = offset; Stopwatch.GetTimestamp() < until; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await send(client, n);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
