using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Registry.Benchmarks;

public sealed record EpcisQueryResult(string Name, string Viewer, long TableEvents, double MeanMatched, LatencyResult Latency);

/// <summary>
/// <c>GET /epcis/events</c> over a large repository. The rows are generated in SQL (<c>insert ... select
/// generate_series</c>), shaped as captured events (documents of about 1 KB, both arrays and columns the query side
/// reads), because capturing a million events would take most of an hour: 100 events per LGTIN class, each class owned by
/// one of 100 organizations (its GTIN), one event in ten captured by the next organization (a receiving partner), times
/// over 365 days in 2025; the first organization is a real registered company whose classes are real lots it holds.
/// Then <c>vacuum analyze</c>, as after any bulk load, and each query one after the other as an admin and as that company.
/// </summary>
public static class EpcisQueries
{
    public const int EventsPerClass = 100;
    public const int Organizations = 100;
    public const int Days = 365;
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Fill(long Events, long Generated, int Classes, string[] Gtins, Guid Company, string CompanyKey, double MeanDocumentBytes, TimeSpan Elapsed);

    public static string Class(Fill fill, int k) => ClassOf(fill.Gtins, k);

    private static string ClassOf(string[] gtins, int k) => $"https://id.gs1.org/01/{gtins[k % Organizations]}/10/L{k}";

    /// <summary>Fills <c>registry.epcis_events</c> up to <paramref name="events"/> rows.</summary>
    public static async Task<Fill> FillAsync(string connectionString, string url, string run, long events)
    {
        var started = Stopwatch.GetTimestamp();
        await using var data = NpgsqlDataSource.Create(connectionString);
        long existing;
        await using (var count = data.CreateCommand("select count(*) from registry.epcis_events"))
            existing = (long)(await count.ExecuteScalarAsync())!;
        // Rows already there (the capture section's) stay; the generated ones fill up to the size, 100 to a class.
        var generated = Math.Max(0, events - existing);
        var classes = (int)Math.Max(1, generated / EventsPerClass);
        var gtins = Enumerable.Range(0, Organizations)
            .Select(o => EpcisCapture.Gtin("49" + (1_000_000_000L + o * 7919L + Random.Shared.Next(0, 7000)).ToString("D11")))
            .ToArray();
        var (company, companyKey) = await EpcisCapture.RegisterOrganizationAsync(url, $"Bench EPCIS Company {run}", "Manufacturer");
        // The company's classes (those of organization 0) are lots it registered: its view lists them.
        var companyClasses = Enumerable.Range(0, classes).Where(k => k % Organizations == 0).ToList();
        var companyLots = await RegisterLotsAsync(url, companyKey, companyClasses.Select(k => ClassOf(gtins, k)).ToList());
        var organizations = new[] { company }.Concat(Enumerable.Range(1, Organizations - 1).Select(_ => Guid.NewGuid())).ToArray();

        const long chunk = 100_000;
        for (var from = 0L; from < generated; from += chunk)
        {
            var to = Math.Min(generated, from + chunk) - 1;
            await using var insert = data.CreateCommand(InsertSql);
            insert.CommandTimeout = 0;
            insert.Parameters.Add(new() { Value = from, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = to, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = (long)classes, NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new() { Value = gtins, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new() { Value = organizations, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            insert.Parameters.Add(new() { Value = companyLots.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            insert.Parameters.Add(new() { Value = generated, NpgsqlDbType = NpgsqlDbType.Bigint });
            await insert.ExecuteNonQueryAsync();
            Console.WriteLine($"epcis_events: {existing + to + 1:N0} of {events:N0} rows ({Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s)");
        }
        await using (var vacuum = data.CreateCommand("vacuum analyze registry.epcis_events"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
        double bytes;
        await using (var size = data.CreateCommand("select avg(octet_length(document::text))::float8 from (select document from registry.epcis_events tablesample system (1)) s"))
            bytes = await size.ExecuteScalarAsync() is double b ? b : double.NaN;
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"epcis_events filled to {events:N0} rows ({generated:N0} generated) in {elapsed.TotalSeconds:N0} s (documents {bytes:N0} bytes on average)");
        return new Fill(events, generated, classes, gtins, company, companyKey, bytes, elapsed);
    }

    /// <summary>
    /// Rows <c>$1..$2</c> of <c>$7</c>: row i is of class k = i mod $3 (its j-th event, j = i div $3, in time order), owned by
    /// organization k mod 100; j = 0 commissions the class, j = 99 ships it, the others inspect it, except that one in
    /// ten ((j + k) mod 10 = 7) is the receiving partner's (the next organization). One in 20 ((j + k) mod 20 = 10) is an
    /// AggregationEvent (childQuantityList), one in 20 ((j + k) mod 20 = 15) a TransformationEvent (input of that class):
    /// offset by the class, so that every day has events of every type (j changes only every few days).
    /// </summary>
    private const string InsertSql = """
        insert into registry.epcis_events (event_hash, event_id, event_type, event_time, record_time, action, biz_step, disposition,
          read_point, biz_location, transformation_id, epcs, epc_classes, input_classes, output_classes, quantities, captured_by,
          lot_ids, capture_id, document, context)
        select h, h, t, et, et + interval '90 seconds', act, step, disp, rp, rp, tid, '{}',
               case when t = 'TransformationEvent' then array[cls, outcls] else array[cls] end,
               case when t = 'TransformationEvent' then array[cls] else '{}' end,
               case when t = 'TransformationEvent' then array[outcls] else '{}' end,
               array[q], by_org, array[lot], md5('capture' || (i / 100))::uuid,
               jsonb_strip_nulls(jsonb_build_object(
                 'type', t, 'eventID', h, 'eventTime', to_char(et at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'eventTimeZoneOffset', '+09:00',
                 'recordTime', to_char((et + interval '90 seconds') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'action', act, 'bizStep', step, 'disposition', disp, 'transformationID', tid,
                 'readPoint', jsonb_build_object('id', rp), 'bizLocation', jsonb_build_object('id', rp),
                 case t when 'AggregationEvent' then 'childQuantityList' when 'TransformationEvent' then 'inputQuantityList' else 'quantityList' end,
                 jsonb_build_array(jsonb_build_object('epcClass', cls, 'quantity', q, 'uom', 'KGM')),
                 'outputQuantityList', case when t = 'TransformationEvent'
                   then jsonb_build_array(jsonb_build_object('epcClass', outcls, 'quantity', q * 0.9, 'uom', 'KGM')) end,
                 'parentID', case when t = 'AggregationEvent' then 'urn:epc:id:sscc:4012345.' || lpad((i % 10000000000)::text, 10, '0') end,
                 'bizTransactionList', jsonb_build_array(jsonb_build_object('type', 'po',
                   'bizTransaction', 'urn:epcglobal:cbv:bt:4012345000009:PO-' || (i / 50))),
                 'sourceList', jsonb_build_array(jsonb_build_object('type', 'owning_party',
                   'source', 'https://id.gs1.org/417/' || lpad((4012345000000 + o)::text, 13, '0'))),
                 'destinationList', case when step = 'shipping' then jsonb_build_array(jsonb_build_object('type', 'owning_party',
                   'destination', 'https://id.gs1.org/417/' || lpad((4012345000000 + (o + 1) % 100)::text, 13, '0'))) end,
                 'ilmd', case when step = 'commissioning' then jsonb_build_object('cmr:category', 'RareMetal', 'cmr:material', 'ND_OXIDE',
                   'cmr:composition', jsonb_build_object('Nd', 0.8), 'cbvmda:countryOfOrigin', 'CN',
                   'cbvmda:lotNumber', 'L' || k) end,
                 'sensorElementList', case when step = 'inspecting' then jsonb_build_array(jsonb_build_object(
                   'sensorMetadata', jsonb_build_object('time', to_char(et at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                   'sensorReport', jsonb_build_array(
                     jsonb_build_object('type', 'Temperature', 'value', 20 + (i % 50) / 10.0, 'uom', 'CEL'),
                     jsonb_build_object('type', 'AbsoluteHumidity', 'value', 12 + (i % 30) / 10.0, 'uom', 'A93')))) end,
                 'cmr:eventHash', h)),
               '{"cmr": "urn:circular-material-registry:"}'::jsonb
        from (
          select i, k, o, t, et, q, lot, rp,
                 'ni:///sha-256;' || encode(sha256(convert_to('bench-epcis-' || i, 'UTF8')), 'hex') || '?ver=CBV2.0' as h,
                 'https://id.gs1.org/01/' || ($4::text[])[o + 1] || '/10/L' || k as cls,
                 'https://id.gs1.org/01/' || ($4::text[])[o + 1] || '/10/L' || k || 'R' as outcls,
                 case when t = 'TransformationEvent' then 'urn:uuid:' || md5('transformation' || i)::uuid end as tid,
                 case when t = 'ObjectEvent' then (case when j = 0 then 'ADD' else 'OBSERVE' end)
                      when t = 'AggregationEvent' then 'ADD' end as act,
                 case when t <> 'ObjectEvent' then (case when t = 'AggregationEvent' then 'packing' else 'commissioning' end)
                      when j = 0 then 'commissioning' when j = 99 then 'shipping' when partner then 'receiving' else 'inspecting' end as step,
                 case when j = 99 then 'in_transit' else 'active' end as disp,
                 case when partner then ($5::uuid[])[(o + 1) % 100 + 1] else ($5::uuid[])[o + 1] end as by_org
          from (
            select i, i % $3 as k, (i % $3) % 100 as o, i / $3 as j, (i / $3 + i % $3) % 10 = 7 as partner,
                   case (i / $3 + i % $3) % 20 when 10 then 'AggregationEvent' when 15 then 'TransformationEvent' else 'ObjectEvent' end as t,
                   timestamptz '2025-01-01 00:00:00+00' + (interval '365 days' * i::float8 / $7) as et,
                   round((100 + (i % 9000) / 10.0)::numeric, 1) as q,
                   case when (i % $3) % 100 = 0 then ($6::uuid[])[(i % $3) / 100 + 1] else md5('lot' || (i % $3))::uuid end as lot,
                   'urn:epc:id:sgln:4012345.' || lpad(((i % $3) % 100)::text, 5, '0') || '.0' as rp
            from generate_series($1::bigint, $2::bigint) i
          ) a
        ) b
        """;

    private static async Task<List<Guid>> RegisterLotsAsync(string url, string key, List<string> classes)
    {
        using var http = Queries.Client(url, key);
        var lots = new List<Guid>();
        foreach (var (epcClass, n) in classes.Select((c, n) => (c, n)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lots")
            {
                Content = JsonContent.Create(new
                {
                    lotNumber = $"EPCIS-Q-{n}", category = "RareMetal", material = "ND_OXIDE", massKg = 1000m,
                    composition = new Dictionary<string, decimal> { ["Nd"] = 0.8m },
                    occurredAt = "2025-01-01T00:00:00+00:00", epcClass,
                }),
            };
            request.Headers.Add("Idempotency-Key", $"epcis-q-{key[..8]}-{n}");
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/lots answered {(int)response.StatusCode}: {text}");
            var body = JsonNode.Parse(text)!;
            lots.Add((body["lotId"] ?? body["id"] ?? body["lot"]?["id"])!.GetValue<Guid>());
        }
        return lots;
    }

    /// <summary>How many events of class k MATCH_epcClass finds (not its TransformationEvents), all of them visible to its
    /// owner (its captures and its partner's, which name its lot).</summary>
    public static int Matching(Fill fill, int k)
    {
        var n = 0;
        for (long i = k, j = 0; i < fill.Generated; i += fill.Classes, j++) if ((j + k) % 20 != 15) n++;
        // The company's classes are lots it registered through REST: their commissioning is exported as one event more.
        return k % Organizations == 0 ? n + 1 : n;
    }

    public static async Task<List<EpcisQueryResult>> MeasureAsync(string url, Fill fill, int requests, int warmup)
    {
        var results = new List<EpcisQueryResult>();
        var companyClasses = Enumerable.Range(0, fill.Classes).Where(k => k % Organizations == 0).ToArray();
        foreach (var (viewer, key) in new[] { ("admin", ApiProcess.AdminKey), ("company", fill.CompanyKey) })
        {
            var classes = viewer == "admin" ? Enumerable.Range(0, fill.Classes).ToArray() : companyClasses;
            results.Add(await MeasureOneAsync(url, key, "MATCH_epcClass (one class) perPage=100", viewer, fill, requests, warmup, random =>
            {
                var k = classes[random.Next(classes.Length)];
                return ($"/epcis/events?MATCH_epcClass={Uri.EscapeDataString(Class(fill, k))}&perPage=100", Math.Min(100, Matching(fill, k)));
            }));
            results.Add(await MeasureOneAsync(url, key, "eventType=ObjectEvent, 1-day eventTime window, perPage=100", viewer, fill, requests, warmup, random =>
            {
                var day = Start.AddDays(random.Next(Days));
                return ($"/epcis/events?eventType=ObjectEvent&GE_eventTime={Uri.EscapeDataString(day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))}" +
                        $"&LT_eventTime={Uri.EscapeDataString(day.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))}&perPage=100",
                    viewer == "admin" && fill.Generated / Days > 200 ? 100 : -1);
            }));
        }
        return results;
    }

    /// <param name="next">The next request and how many events it must answer (-1: any number).</param>
    private static async Task<EpcisQueryResult> MeasureOneAsync(
        string url, string key, string name, string viewer, Fill fill, int requests, int warmup, Func<Random, (string Path, int Expected)> next)
    {
        using var http = Queries.Client(url, key);
        var random = new Random(42);
        var samples = new List<double>(requests);
        var (failures, matched) = (0, 0L);
        var started = Stopwatch.GetTimestamp();
        for (var n = -warmup; n < requests; n++)
        {
            var (path, expected) = next(random);
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            var count = response.IsSuccessStatusCode
                ? JsonNode.Parse(text)?["epcisBody"]?["queryResults"]?["resultsBody"]?["eventList"]?.AsArray().Count ?? -1
                : -1;
            if (count < 0 || (expected >= 0 && count != expected))
            {
                failures++;
                if (failures <= 3) Console.WriteLine($"GET {path} as {viewer}: {(int)response.StatusCode}, {count} events (expected {expected}): {text[..Math.Min(600, text.Length)]}");
            }
            if (n < 0) continue;
            if (n == 0) started = Stopwatch.GetTimestamp();
            samples.Add(ms);
            matched += Math.Max(0, count);
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sorted = samples.Order().ToArray();
        var latency = new LatencyResult(1, sorted.Length, failures, sorted.Length / elapsed, Latency.Percentile(sorted, 0.5), Latency.Percentile(sorted, 0.99));
        Console.WriteLine($"{name} as {viewer}: p50 {latency.P50Ms:N1} ms p99 {latency.P99Ms:N1} ms, {matched / (double)requests:N1} events an answer, {failures} failures");
        return new EpcisQueryResult(name, viewer, fill.Events, matched / (double)requests, latency);
    }
}
