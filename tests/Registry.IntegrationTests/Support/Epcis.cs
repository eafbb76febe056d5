using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Datasets;
using Registry.Domain.Identifiers;

namespace Registry.IntegrationTests.Support;

/// <summary>Capturing EPCIS documents as a partner's EPCIS client would, and building small ones.</summary>
public static class Epcis
{
    public const string Context = EpcisDocuments.Context;

    public static Task<HttpResponseMessage> CaptureAsync(this ApiClient api, string document, string? behaviour = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/epcis/capture")
        {
            Content = new StringContent(document, Encoding.UTF8, "application/ld+json"),
        };
        if (behaviour is not null) request.Headers.Add("GS1-Capture-Error-Behaviour", behaviour);
        return api.Http.SendAsync(request);
    }

    /// <summary>The job a 202 points at, once it has finished.</summary>
    public static async Task<JsonObject> FinishedJobAsync(this ApiClient api, HttpResponseMessage accepted)
    {
        await Expect.StatusAsync(accepted, 202);
        var location = accepted.Headers.Location!.ToString();
        for (var started = DateTime.UtcNow; ; await Task.Delay(100))
        {
            var job = (await api.Http.GetFromJsonAsync<JsonObject>(location))!;
            if (!job["running"]!.GetValue<bool>()) return job;
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2), $"capture job {location} still running");
        }
    }

    public static async Task<JsonObject> CapturedAsync(this ApiClient api, string document, string? behaviour = null) =>
        await api.FinishedJobAsync(await api.CaptureAsync(document, behaviour));

    /// <summary>An EPCISDocument of these events, with the registry's namespace declared as <c>cmr</c>.</summary>
    public static string Document(params JsonObject[] events) => EpcisDocuments.Of(events);

    public static JsonObject Quantity(string epcClass, decimal quantity, string uom = "KGM") =>
        new() { ["epcClass"] = epcClass, ["quantity"] = quantity, ["uom"] = uom };

    /// <summary>A GTIN-14 with its check digit, from 13 digits.</summary>
    public static string Gtin(string body) => body + Gs1CheckDigit.Of(body);

    /// <summary>A fresh party GLN (13 digits, check digit included), for organizations of a shared registry.</summary>
    public static string NewGln()
    {
        var body = "45" + Random.Shared.NextInt64(0, 10_000_000_000).ToString("D10");
        return body + Gs1CheckDigit.Of(body);
    }
}
