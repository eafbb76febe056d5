using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.IntegrationTests.Support;

/// <summary>An import's answer: one outcome per line, then the summary.</summary>
public sealed record ImportAnswer(List<JsonObject> Outcomes, JsonObject Summary)
{
    public JsonObject Line(int number) => Outcomes.Single(o => o["line"]!.GetValue<int>() == number);
    public int Status(int number) => Line(number)["status"]!.GetValue<int>();
    public Guid LotId(int number) => Line(number)["result"]!["lotId"]!.GetValue<Guid>();
    public int Count(string field) => Summary[field]!.GetValue<int>();
}

public static class Imports
{
    /// <summary>A line of an import file; <paramref name="lot"/> names the lot of an operation on an existing lot.</summary>
    public static string Line(string op, string key, object body, object? lot = null) =>
        JsonSerializer.Serialize(new { op, idempotencyKey = key, lot, body }, JsonSerializerOptions.Web);

    public static async Task<ImportAnswer> ImportAsync(this ApiClient api, IEnumerable<string> lines) =>
        await ReadAsync(await api.ImportAsResponseAsync(lines));

    public static Task<HttpResponseMessage> ImportAsResponseAsync(this ApiClient api, IEnumerable<string> lines) =>
        SendAsync(api, new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "application/x-ndjson"));

    /// <summary>An import file as bytes, for lines that are not even valid UTF-8.</summary>
    public static async Task<ImportAnswer> ImportBytesAsync(this ApiClient api, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return await ReadAsync(await SendAsync(api, content));
    }

    public static Task<HttpResponseMessage> SendAsync(ApiClient api, HttpContent content) =>
        api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = content },
            HttpCompletionOption.ResponseHeadersRead);

    public static async Task<ImportAnswer> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var outcomes = new List<JsonObject>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } text)
        {
            var line = JsonNode.Parse(text)!.AsObject();
            if (line["summary"] is JsonObject summary) return new(outcomes, summary);
            Assert.Null(line["aborted"]);
            outcomes.Add(line);
        }
        throw new Xunit.Sdk.XunitException("The import answer ended without a summary.");
    }

    /// <summary>NDJSON written while it is sent, never held whole: a line is produced when the server reads on.</summary>
    public sealed class StreamedLines : HttpContent
    {
        private readonly IAsyncEnumerable<string> lines;

        public StreamedLines(IAsyncEnumerable<string> lines)
        {
            this.lines = lines;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await foreach (var line in lines)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
