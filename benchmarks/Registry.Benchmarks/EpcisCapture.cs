using Registry.Domain.Identifiers;
using Registry.Datasets;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Benchmarks;

/// <summary>One document size of the capture bench: <c>Events</c> events a document, <c>Documents</c> documents per
/// client setting (rounded up so that every client sends as many).</summary>
public sealed record CaptureShape(int Events, int Documents)
{
    /// <summary><c>1x2000,100x50,10000x1</c>.</summary>
    public static IReadOnlyList<CaptureShape> Parse(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var (events, documents) = (part.Split('x')[0], part.Split('x')[1]);
            return new CaptureShape(int.Parse(events), int.Parse(documents));
        }).ToList();

    public int DocumentsPerClient(int clients) => Math.Max(1, (Documents + clients - 1) / clients);
}

/// <param name="PostMs">Time answering the POSTs (spooling and validating the document, and, for documents of up to
/// 500 events, running the job), summed over documents.</param>
/// <param name="JobMs">For documents run by the background worker: createdAt → finishedAt of their jobs, summed.</param>
public sealed record CaptureResult(CaptureShape Shape, int Clients, int Documents, long Events, TimeSpan Elapsed, double PostMs, double JobMs)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// Mass-flow capture through <c>POST /epcis/capture</c>: every event an ObjectEvent ADD, bizStep commissioning, of one
/// LGTIN class of its own (the client's GTIN, lot = a counter) in KGM with the registry's ILMD, so each starts a lot.
/// Each client is its own organization with its own key and sends its documents one after the other (closed loop);
/// a document the worker runs (over 500 events) is polled until its job has finished, which counts in the time. Every
/// job must have succeeded and stored every event it was sent, or the bench fails.
/// </summary>
public static class EpcisCapture
{
    public sealed record Client(string Name, Guid Id, string Key, string Gtin);

    public static async Task<List<Client>> RegisterClientsAsync(string url, string run, int count)
    {
        var clients = new List<Client>();
        for (var i = 0; i < count; i++)
        {
            var (id, key) = await RegisterOrganizationAsync(url, $"Bench EPCIS Capturer {run}-{i}", "Manufacturer");
            // A GTIN of the client's own (14 digits, check digit): no two clients' events share a class, nor a hash.
            clients.Add(new($"Bench EPCIS Capturer {run}-{i}", id, key, Gtin("4" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9") + i.ToString("D3"))));
        }
        return clients;
    }

    public static async Task<(Guid Id, string Key)> RegisterOrganizationAsync(string url, string name, string role)
    {
        using var http = Queries.Client(url, ApiProcess.AdminKey);
        var response = await http.PostAsJsonAsync("/api/organizations", new { name, country = "JP", role });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["organizationId"]!.GetValue<Guid>(), body["apiKey"]!.GetValue<string>());
    }

    public static Task<CaptureResult> RunAsync(string url, IReadOnlyList<Client> all, CaptureShape shape, int clients, string tag) =>
        RunAsync(url, all, shape, clients, (client, c, d, e) => Commissioning(client.Gtin, $"{tag}{c}D{d}E{e}"));

    /// <summary>A diagnostic beside the mass flows: one client's observations (ObjectEvent OBSERVE, inspecting) of lots it
    /// holds (the classes <paramref name="tag"/>'s run commissioned), which store events and change no lot.</summary>
    public static Task<CaptureResult> ObserveAsync(string url, IReadOnlyList<Client> all, int events, string tag) =>
        RunAsync(url, all, new CaptureShape(events, 1), 1, (client, c, d, e) =>
        {
            var observation = Commissioning(client.Gtin, $"{tag}{c}D{d}E{e}");
            foreach (var key in new[] { "ilmd", "disposition" }) observation.Remove(key);
            (observation["action"], observation["bizStep"], observation["eventTime"]) = ("OBSERVE", "inspecting", "2026-03-02T09:00:00+09:00");
            return observation;
        });

    private static async Task<CaptureResult> RunAsync(
        string url, IReadOnlyList<Client> all, CaptureShape shape, int clients, Func<Client, int, int, int, JsonObject> make)
    {
        var perClient = shape.DocumentsPerClient(clients);
        // The documents are built before the clock starts: the driver's JSON work is not the registry's.
        var documents = all.Take(clients).Select((client, c) => Enumerable.Range(0, perClient)
            .Select(d => EpcisDocuments.Of(Enumerable.Range(0, shape.Events).Select(e => make(client, c, d, e))))
            .ToList()).ToList();
        var (postTicks, jobMs) = (0L, 0.0);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(all.Take(clients).Select((client, c) => Task.Run(async () =>
        {
            using var http = Queries.Client(url, client.Key);
            http.Timeout = TimeSpan.FromMinutes(10);
            foreach (var document in documents[c])
            {
                var posted = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/epcis/capture")
                {
                    Content = new StringContent(document, Encoding.UTF8, "application/ld+json"),
                };
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Interlocked.Add(ref postTicks, Stopwatch.GetTimestamp() - posted);
                if (response.StatusCode != HttpStatusCode.Accepted)
                    throw new InvalidOperationException($"POST /epcis/capture answered {(int)response.StatusCode}: {Cut(text)}");
                var job = JsonNode.Parse(text)!.AsObject();
                var location = response.Headers.Location?.ToString() ?? throw new InvalidOperationException("A 202 without Location.");
                while (job["running"]!.GetValue<bool>())
                {
                    await Task.Delay(50);
                    using var polled = await http.GetAsync(location);
                    var answer = await polled.Content.ReadAsStringAsync();
                    if (!polled.IsSuccessStatusCode)
                        throw new InvalidOperationException($"GET {location} answered {(int)polled.StatusCode}: {Cut(answer)}");
                    job = JsonNode.Parse(answer)!.AsObject();
                }
                Check(job, shape.Events, location);
                if (shape.Events > 500)
                    lock (documents)
                        jobMs += (job["finishedAt"]!.GetValue<DateTimeOffset>() - job["createdAt"]!.GetValue<DateTimeOffset>()).TotalMilliseconds;
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var result = new CaptureResult(shape, clients, perClient * clients, (long)perClient * clients * shape.Events, elapsed,
            postTicks * 1000.0 / Stopwatch.Frequency, jobMs);
        Console.WriteLine($"capture {shape.Events:N0}-event documents ({make(all[0], 0, 0, 0)["bizStep"]}) x{clients}: {result.Documents:N0} documents, {result.Events:N0} events, " +
                          $"{elapsed.TotalSeconds:N1} s, {result.EventsPerSecond:N0} events/s");
        return result;
    }

    /// <summary>The job succeeded and stored what was sent: no duplicates, no errors.</summary>
    private static void Check(JsonObject job, int events, string location)
    {
        var ok = job["success"]?.GetValue<bool?>() == true && job["stored"]?.GetValue<int>() == events &&
                 job["duplicates"]?.GetValue<int>() == 0 && job["errors"] is JsonArray { Count: 0 };
        if (!ok) throw new InvalidOperationException($"Capture job {location} of {events} events: {Cut(job.ToJsonString())}");
    }

    /// <summary>A commissioning of 250 kg of a new class: it starts a lot of the capturer.</summary>
    public static JsonObject Commissioning(string gtin, string lot) => new()
    {
        ["type"] = "ObjectEvent", ["eventTime"] = "2026-03-01T09:00:00+09:00", ["eventTimeZoneOffset"] = "+09:00",
        ["action"] = "ADD", ["bizStep"] = "commissioning", ["disposition"] = "active",
        ["readPoint"] = new JsonObject { ["id"] = "urn:epc:id:sgln:4012345.00001.0" },
        ["bizLocation"] = new JsonObject { ["id"] = "urn:epc:id:sgln:4012345.00001.0" },
        ["quantityList"] = new JsonArray(new JsonObject
        {
            ["epcClass"] = $"https://id.gs1.org/01/{gtin}/10/{lot}", ["quantity"] = 250.5m, ["uom"] = "KGM",
        }),
        ["ilmd"] = new JsonObject
        {
            ["cmr:category"] = "RareMetal", ["cmr:material"] = "ND_OXIDE", ["cmr:composition"] = new JsonObject { ["Nd"] = 0.8m },
            ["cbvmda:countryOfOrigin"] = "CN",
        },
    };

    /// <summary>A GTIN-14 with its check digit, from 13 digits.</summary>
    public static string Gtin(string body) => body + Gs1CheckDigit.Of(body);

    private static string Cut(string text) => text.Length > 2000 ? text[..2000] + "..." : text;
}
