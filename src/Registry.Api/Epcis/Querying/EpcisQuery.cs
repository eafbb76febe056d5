using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;
using Registry.Api.Epcis.Storing;

namespace Registry.Api.Epcis.Querying;

public enum EpcisOrder { EventTime, RecordTime }

/// <summary>Where a page ended: the order it was read in and its last row's (order time, seq).</summary>
public sealed record PageToken(EpcisOrder OrderBy, bool Descending, DateTimeOffset Time, long Seq)
{
    private const string Version = "1";

    /// <summary>Opaque to clients: base64url of the version, the order and the last row's key.</summary>
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Version}|{(int)OrderBy}|{(Descending ? 1 : 0)}|{Time.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Seq.ToString(CultureInfo.InvariantCulture)}"))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static PageToken? Decode(string token)
    {
        if (token.Length is 0 or > 200) return null;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')))
                .Split('|');
            return parts.Length == 5 && parts[0] == Version &&
                   int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var order) && Enum.IsDefined((EpcisOrder)order) &&
                   parts[2] is "0" or "1" &&
                   long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) &&
                   ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks &&
                   long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                ? new PageToken((EpcisOrder)order, parts[2] == "1", new DateTimeOffset(ticks, TimeSpan.Zero), seq)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// A SimpleEventQuery (GS1 EPCIS 2.0 REST binding, epcis.md): each filter null when absent; the values of one
/// parameter are alternatives (OR), the parameters together all apply (AND). Identifier and vocabulary lists already
/// hold every spelling a value may be stored under.
/// </summary>
public sealed record EpcisQuery
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 1000;

    public string[]? EventTypes { get; init; }
    public DateTimeOffset? GeEventTime { get; init; }
    public DateTimeOffset? LtEventTime { get; init; }
    public DateTimeOffset? GeRecordTime { get; init; }
    public DateTimeOffset? LtRecordTime { get; init; }
    public string[]? Actions { get; init; }
    public string[]? BizSteps { get; init; }
    public string[]? Dispositions { get; init; }
    public string[]? ReadPoints { get; init; }
    public string[]? BizLocations { get; init; }
    /// <summary>MATCH_epc: epcList and childEPCs (GS1).</summary>
    public string[]? Epcs { get; init; }
    public string[]? ParentIds { get; init; }
    public string[]? InputEpcs { get; init; }
    public string[]? OutputEpcs { get; init; }
    /// <summary>MATCH_anyEPC: any EPC the event names (epcList, childEPCs, parentID, input and output EPCs).</summary>
    public string[]? AnyEpcs { get; init; }
    /// <summary>MATCH_epcClass: quantityList and childQuantityList (GS1).</summary>
    public string[]? EpcClasses { get; init; }
    public string[]? InputClasses { get; init; }
    public string[]? OutputClasses { get; init; }
    public string[]? AnyClasses { get; init; }
    public string[]? EventIds { get; init; }
    public string[]? TransformationIds { get; init; }
    public decimal? GeQuantity { get; init; }
    public decimal? LtQuantity { get; init; }
    public EpcisOrder OrderBy { get; init; } = EpcisOrder.EventTime;
    /// <summary>GS1's default direction is DESC.</summary>
    public bool Descending { get; init; } = true;
    public int PerPage { get; init; } = DefaultPerPage;
    public PageToken? After { get; init; }
}

/// <summary>A query parameter refused: its name and why.</summary>
public sealed record QueryParameterProblem(string Field, string Message);

/// <summary>Reads the query string of <c>GET /epcis/events</c> (and of the top-level resources' event lists).</summary>
public static class EpcisQueryParameters
{
    public const string NextPageToken = "nextPageToken";

    private delegate EpcisQuery Apply(EpcisQuery query, string name, string[] values);

    private static readonly Dictionary<string, Apply> Parameters = new(StringComparer.Ordinal)
    {
        ["eventType"] = (q, n, v) => q with { EventTypes = EventTypes(n, v) },
        ["GE_eventTime"] = (q, n, v) => q with { GeEventTime = Time(n, v) },
        ["LT_eventTime"] = (q, n, v) => q with { LtEventTime = Time(n, v) },
        ["GE_recordTime"] = (q, n, v) => q with { GeRecordTime = Time(n, v) },
        ["LT_recordTime"] = (q, n, v) => q with { LtRecordTime = Time(n, v) },
        ["EQ_action"] = (q, n, v) => q with { Actions = Actions(n, v) },
        ["EQ_bizStep"] = (q, _, v) => q with { BizSteps = [.. v.SelectMany(CbvValues.BizStep.Spellings).Distinct()] },
        ["EQ_disposition"] = (q, _, v) => q with { Dispositions = [.. v.SelectMany(CbvValues.Disposition.Spellings).Distinct()] },
        ["EQ_readPoint"] = (q, _, v) => q with { ReadPoints = v },
        ["EQ_bizLocation"] = (q, _, v) => q with { BizLocations = v },
        ["MATCH_epc"] = (q, _, v) => q with { Epcs = Spellings(v) },
        ["MATCH_parentID"] = (q, _, v) => q with { ParentIds = Spellings(v) },
        ["MATCH_inputEPC"] = (q, _, v) => q with { InputEpcs = Spellings(v) },
        ["MATCH_outputEPC"] = (q, _, v) => q with { OutputEpcs = Spellings(v) },
        ["MATCH_anyEPC"] = (q, _, v) => q with { AnyEpcs = Spellings(v) },
        ["MATCH_epcClass"] = (q, _, v) => q with { EpcClasses = Spellings(v) },
        ["MATCH_inputEPCClass"] = (q, _, v) => q with { InputClasses = Spellings(v) },
        ["MATCH_outputEPCClass"] = (q, _, v) => q with { OutputClasses = Spellings(v) },
        ["MATCH_anyEPCClass"] = (q, _, v) => q with { AnyClasses = Spellings(v) },
        ["EQ_eventID"] = (q, _, v) => q with { EventIds = v },
        ["EQ_transformationID"] = (q, _, v) => q with { TransformationIds = v },
        ["GE_quantity"] = (q, n, v) => q with { GeQuantity = Number(n, v) },
        ["LT_quantity"] = (q, n, v) => q with { LtQuantity = Number(n, v) },
        ["orderBy"] = (q, n, v) => q with { OrderBy = Single(n, v) switch
        {
            "eventTime" => EpcisOrder.EventTime,
            "recordTime" => EpcisOrder.RecordTime,
            _ => throw new Refused(n, "orderBy is eventTime or recordTime."),
        } },
        ["orderDirection"] = (q, n, v) => q with { Descending = Single(n, v).ToUpperInvariant() switch
        {
            "ASC" => false,
            "DESC" => true,
            _ => throw new Refused(n, "orderDirection is ASC or DESC."),
        } },
        ["perPage"] = (q, n, v) => q with
        {
            PerPage = int.TryParse(Single(n, v), NumberStyles.None, CultureInfo.InvariantCulture, out var perPage) && perPage > 0
                ? Math.Min(perPage, EpcisQuery.MaxPerPage)
                : long.TryParse(Single(n, v), NumberStyles.None, CultureInfo.InvariantCulture, out var large) && large > 0
                    ? EpcisQuery.MaxPerPage
                    : throw new Refused(n, $"perPage is a positive integer (at most {EpcisQuery.MaxPerPage} events are answered per page)."),
        },
        [NextPageToken] = (q, n, v) => q with
        {
            After = PageToken.Decode(Single(n, v)) ?? throw new Refused(n, "This nextPageToken was not issued by this repository."),
        },
    };

    /// <summary>The names this repository understands, for the problem that names an unknown one.</summary>
    public static IEnumerable<string> Names => Parameters.Keys;

    /// <summary>The query of <paramref name="parameters"/> on top of <paramref name="start"/> (a top-level resource's
    /// own filter), or the first parameter refused.</summary>
    public static (EpcisQuery? Query, QueryParameterProblem? Problem) Parse(IQueryCollection parameters, EpcisQuery? start = null)
    {
        var query = start ?? new EpcisQuery();
        try
        {
            foreach (var (name, raw) in parameters)
            {
                if (!Parameters.TryGetValue(name, out var apply))
                    throw new Refused(name, $"'{Shorten(name)}' is no query parameter of this repository; it answers " +
                                            $"{string.Join(", ", Parameters.Keys)}.");
                query = apply(query, name, Values(name, raw));
            }
            if (query.After is { } after && (after.OrderBy != query.OrderBy || after.Descending != query.Descending))
                throw new Refused(NextPageToken, "This nextPageToken belongs to a query in another order: send orderBy and " +
                                                  "orderDirection as in the query that answered it.");
        }
        catch (Refused refused)
        {
            return (null, new QueryParameterProblem(refused.Field, refused.Message));
        }
        return (query, null);
    }

    /// <summary>A parameter's values: repeated parameters and comma-separated lists alike, none empty.</summary>
    private static string[] Values(string name, StringValues raw)
    {
        var values = raw.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).ToArray();
        if (values.Length == 0 || values.Any(v => v.Length == 0)) throw new Refused(name, $"{name} has an empty value.");
        if (values.Length > 100) throw new Refused(name, $"{name} names at most 100 values.");
        if (values.Any(v => v.Length > 2048)) throw new Refused(name, $"A value of {name} is longer than 2048 characters.");
        return values.Distinct().ToArray();
    }

    private static string Single(string name, string[] values) =>
        values.Length == 1 ? values[0] : throw new Refused(name, $"{name} takes one value.");

    private static string[] EventTypes(string name, string[] values) =>
        values.FirstOrDefault(v => !CbvValues.EventTypes.Contains(v) && !v.Contains(':')) is { } bad
            ? throw new Refused(name, $"'{Shorten(bad)}' is no EPCIS event type ({string.Join(", ", CbvValues.EventTypes)}).")
            : values;

    private static string[] Actions(string name, string[] values) =>
        values.FirstOrDefault(v => v is not ("ADD" or "OBSERVE" or "DELETE")) is { } bad
            ? throw new Refused(name, $"'{Shorten(bad)}' is no action (ADD, OBSERVE, DELETE).")
            : values;

    private static string[] Spellings(string[] values) => [.. values.SelectMany(EpcisEventFields.Spellings).Distinct()];

    /// <summary>An ISO 8601 time with its offset; a '+' that the query string turned into a space counts as one.</summary>
    private static DateTimeOffset Time(string name, string[] values)
    {
        var text = Single(name, values).Replace(' ', '+');
        var t = text.IndexOf('T');
        return t > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > t) &&
               DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new Refused(name, $"{name} is an ISO 8601 time with an offset, e.g. 2026-01-10T09:00:00Z or 2026-01-10T09:00:00%2B09:00.");
    }

    private static decimal Number(string name, string[] values) =>
        decimal.TryParse(Single(name, values), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new Refused(name, $"{name} is a number, e.g. 12.5.");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private sealed class Refused(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
