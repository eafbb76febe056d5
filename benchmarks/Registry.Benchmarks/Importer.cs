using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Datasets;

namespace Registry.Benchmarks;

/// <param name="Phases">Server time in loading, deciding and committing batches (ms), from the import summaries.</param>
public sealed record ImportResult(long Lines, long Events, long Failed, TimeSpan Elapsed, (long Load, long Decide, long Commit) Phases)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}

/// <summary>
/// Streams the maker's file, then the recycler's, to the import route as a client would; each file split into
/// <c>streams</c> parts of whole chains sent side by side (chains share no lots, so the parts are independent).
/// </summary>
public static class Importer
{
    public static async Task<ImportResult> RunAsync(string url, Organizations orgs, DatasetGenerator dataset, int streams)
    {
        var api = new Uri(url);
        var parts = Enumerable.Range(0, streams).ToList();
        // Written before the clock starts, as an ERP's export would be: generating the lines is the driver's work,
        // and on a machine this small it would take a core away from the server being measured.
        var makerFiles = parts.Select(part => Write(dataset.MakerLines(part, streams))).ToList();
        var recyclerFiles = parts.Select(part => Write(dataset.RecyclerLines(part, streams))).ToList();
        try
        {
            return await SendAllAsync(api, orgs, makerFiles, recyclerFiles, streams);
        }
        finally
        {
            foreach (var file in makerFiles.Concat(recyclerFiles)) File.Delete(file);
        }
    }

    private static async Task<ImportResult> SendAllAsync(Uri api, Organizations orgs, List<string> makerFiles, List<string> recyclerFiles, int streams)
    {
        var started = Stopwatch.GetTimestamp();
        var answers = await Task.WhenAll(makerFiles.Select(file => Task.Run(() => SendAsync(api, orgs.MakerKey, file))));
        answers = [.. answers, .. await Task.WhenAll(recyclerFiles.Select(file => Task.Run(() => SendAsync(api, orgs.RecyclerKey, file))))];
        var result = new ImportResult(answers.Sum(a => a.Lines), answers.Sum(a => a.Events), answers.Sum(a => a.Failed),
            Stopwatch.GetElapsedTime(started),
            (answers.Sum(a => a.Phases.Load), answers.Sum(a => a.Phases.Decide), answers.Sum(a => a.Phases.Commit)));
        Console.WriteLine($"import ({streams} at once): {result.Lines:N0} lines, {result.Events:N0} events, {result.Failed} failed, {result.EventsPerSecond:N0} events/s");
        return result;
    }

    /// <summary>
    /// Sends the file while reading the answer, over a plain socket: HttpClient's HTTP/1.1 reads no answer before the
    /// whole body is sent, so once the unread outcomes fill the socket buffers the server waits for the client to read
    /// and the client for the server to read (Kestrel serves no cleartext HTTP/2 here).
    /// </summary>
    private static async Task<(long Lines, long Events, long Failed, (long Load, long Decide, long Commit) Phases)> SendAsync(
        Uri api, string key, string file)
    {
        var length = new FileInfo(file).Length;
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(api.Host, api.Port);
        var stream = tcp.GetStream();
        var head = $"POST /api/imports HTTP/1.1\r\nHost: {api.Authority}\r\nAuthorization: Bearer {key}\r\n" +
                   $"Content-Type: application/x-ndjson\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var sending = Task.Run(async () =>
        {
            await using var lines = File.OpenRead(file);
            await lines.CopyToAsync(stream, 1 << 16);
        });

        var answer = new BufferedStream(stream, 1 << 16);
        var status = ReadLine(answer);
        if (!status.Contains(" 200 ")) throw new InvalidOperationException($"The import was refused: {status}");
        var chunked = false;
        for (var header = ReadLine(answer); header.Length > 0; header = ReadLine(answer))
            chunked |= header.StartsWith("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        if (!chunked) throw new InvalidOperationException("Expected a chunked (streamed) answer.");

        string? firstFailure = null;
        var pending = new StringBuilder();
        for (var size = Convert.ToInt32(ReadLine(answer), 16); size > 0; size = Convert.ToInt32(ReadLine(answer), 16))
        {
            var chunk = new byte[size];
            await answer.ReadExactlyAsync(chunk);
            ReadLine(answer); // the CRLF after the chunk
            var answered = pending.Append(Encoding.UTF8.GetString(chunk)).ToString().Split('\n');
            pending.Clear().Append(answered[^1]);
            foreach (var line in answered[..^1])
            {
                if (line.StartsWith("{\"summary\""))
                {
                    await sending;
                    var summary = JsonNode.Parse(line)!["summary"]!;
                    if (firstFailure is not null) Console.WriteLine($"first refused line: {firstFailure}");
                    Console.WriteLine($"summary: {summary.ToJsonString()}");
                    long Field(string name) => summary[name]!.GetValue<long>();
                    return (Field("lines"), Field("events"), Field("failed"), (Field("loadMs"), Field("decideMs"), Field("commitMs")));
                }
                if (firstFailure is null && line.Contains("\"problem\"")) firstFailure = line;
            }
        }
        throw new InvalidOperationException($"The import ended without a summary (aborted?). First refusal: {firstFailure}");
    }

    private static string Write(IEnumerable<string> lines)
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, lines, new UTF8Encoding(false));
        return file;
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        for (var b = stream.ReadByte(); b is not (-1 or '\n'); b = stream.ReadByte()) bytes.Add((byte)b);
        return Encoding.ASCII.GetString([.. bytes]).TrimEnd('\r');
    }
}
