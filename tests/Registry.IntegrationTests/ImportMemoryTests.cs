using Registry.IntegrationTests.Support;

namespace Registry.IntegrationTests;

/// <summary>Tests that read the whole test process's heap run alone, after the others: hosts that other test classes
/// start beside them would fill it and make the reading say nothing of the code under test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredAlone
{
    public const string Name = "measured alone";
}

/// <summary>An import far larger than any request body streams through in flat memory.</summary>
[Collection(MeasuredAlone.Name)]
public sealed class ImportMemoryTests : OnItsOwnRegistry
{
    private static object Registration(string lotNumber) =>
        new { lotNumber, category = "Plastic", material = "PET", massKg = 100m, occurredAt = Lots.Day };

    [Fact]
    public async Task A_file_far_larger_than_a_request_body_streams_through_in_flat_memory()
    {
        var maker = await app.NewOrganizationAsync("Manufacturer");
        const int bigLines = 1500;
        var padding = new string('x', 200_000);
        long peakLiveBytes = 0;
        long sentBytes = 0;

        async IAsyncEnumerable<string> File()
        {
            for (var i = 0; i < bigLines; i++)
            {
                // Each ~200 KB line is refused by validation (site too long); every fiftieth line is a real lot.
                var line = Imports.Line("RegisterLot", $"big-{i}", Lots.With(Lots.Registration(), new { site = padding }));
                sentBytes += line.Length;
                yield return line;
                if (i % 50 == 0) yield return Imports.Line("RegisterLot", $"small-{i}", Registration($"SMALL-{i}"));
                if (i % 100 == 0) peakLiveBytes = Math.Max(peakLiveBytes, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Yield();
            }
            yield return new string('y', 3 * 1024 * 1024); // longer than a line may be: refused, skipped, not held
            yield return Imports.Line("RegisterLot", "last", Registration("LAST"));
        }

        // What the process holds before (its hosts, their caches): the import may add a batch to it, not the file.
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var answer = await Imports.ReadAsync(await Imports.SendAsync(maker.Api, new Imports.StreamedLines(File())));

        Assert.True(sentBytes > 280_000_000, $"sent {sentBytes} bytes");
        // 1,500 big lines + 30 small + the over-long one + the last.
        Assert.Equal((1532, 31, 1501), (answer.Count("lines"), answer.Count("succeeded"), answer.Count("failed")));
        Assert.Equal("line-too-long", answer.Outcomes[^2]["problem"]!["code"]!.GetValue<string>());
        Assert.Equal(201, answer.Outcomes[^1]["status"]!.GetValue<int>());
        // Buffered, the 300 MB would be live at once (it was, through the test client's redirect handler: ~560 MB);
        // streamed, a batch (4 MB) and a line at a time are, above what the process held before.
        Assert.True(peakLiveBytes - baseline < 100_000_000, $"peak live managed heap {peakLiveBytes:N0} bytes, {baseline:N0} before the import");
    }
}
