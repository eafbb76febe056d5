using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Registry.Api.Infrastructure.Validation;

/// <summary>
/// Reads a body as the request type it must be, with the API's strict options (unknown members refused), and says
/// what is wrong in the request's own terms: the field as the JSON names it, what it should hold, the closest known
/// name for a misspelt one; never a .NET type name. An unknown member silently dropped once turned a Chinese lot
/// Japanese (<c>"orginCountry"</c>).
/// </summary>
public static partial class RequestShape
{
    public static JsonTextProblem? Check(ReadOnlySpan<byte> json, Type requestType, string prefix = "")
    {
        try
        {
            JsonSerializer.Deserialize(json, requestType, ApiJson.Options);
            return null;
        }
        catch (JsonException e)
        {
            return Describe(e, requestType, prefix);
        }
    }

    /// <summary>The problem a deserialization failure of <paramref name="requestType"/> stands for.</summary>
    public static JsonTextProblem Describe(JsonException e, Type requestType, string prefix = "")
    {
        var segments = Segments(e.Path);
        if (UnmappedMember().Match(e.Message) is { Success: true } unmapped)
        {
            var name = unmapped.Groups[1].Value;
            var parent = segments.Count > 0 && segments[^1] == name ? segments[..^1] : segments;
            var known = TypeAt(requestType, parent) is { } type ? MemberNames(type) : [];
            // A near spelling, else a known name the unknown one contains ("siteName" for "site").
            var closest = known.Where(k => Distance(k, name) <= Math.Max(2, name.Length / 3)).MinBy(k => Distance(k, name))
                          ?? known.Where(k => name.Contains(k, StringComparison.OrdinalIgnoreCase)).MaxBy(k => k.Length);
            var hint = closest is not null ? $"; did you mean '{closest}'?" : ".";
            return new(Field(prefix, requestType, [.. parent, name]), $"'{name}' is not a field of this request{hint}", Code: "unknown-field");
        }
        var field = Field(prefix, requestType, segments);
        return TypeAt(requestType, segments) is { } expected
            ? new(field, $"{field} must be {Expected(expected)}.", Code: "wrong-type")
            : new("body", "The body is not valid JSON for this request.", Malformed: true);
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateTimeOffset)) return "an ISO 8601 time with an offset, e.g. 2026-01-10T09:00:00+09:00";
        if (type == typeof(Guid)) return "an id (a UUID)";
        if (type == typeof(string)) return "a string";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(decimal) || type == typeof(double)) return "a number within range";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type));
        if (ElementType(type) is not null) return "a list";
        return "an object";
    }

    /// <summary>The type found by following the path's property names and indexes from <paramref name="root"/>.</summary>
    private static Type? TypeAt(Type root, IReadOnlyList<string> segments)
    {
        Type? type = root;
        foreach (var segment in segments)
        {
            type = Nullable.GetUnderlyingType(type!) ?? type;
            if (segment.StartsWith('[')) type = ElementType(type!);
            else if (type!.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) type = type.GetGenericArguments()[1];
            else type = Members(type).FirstOrDefault(p => JsonName(p) == segment)?.PropertyType;
            if (type is null) return null;
        }
        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType && type.GetGenericArguments().Length == 1
            ? type.GetGenericArguments()[0]
            : null;

    private static IEnumerable<PropertyInfo> Members(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

    private static List<string> MemberNames(Type type) => Members(type).Select(JsonName).ToList();

    private static string JsonName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>"$.outputs[0].lotNumber" → ["outputs", "[0]", "lotNumber"].</summary>
    private static List<string> Segments(string? path) =>
        PathSegment().Matches(path ?? "").Select(m => m.Value.TrimStart('.').Trim('\'')).Where(s => s.Length > 0).ToList();

    /// <summary>The field as the request writes it: <c>outputs[0].lotNumber</c>, a dictionary entry <c>composition[Dy]</c>.</summary>
    private static string Field(string prefix, Type requestType, IReadOnlyList<string> segments)
    {
        var written = segments.Select((segment, i) =>
            segment.StartsWith('[') ? segment
            : i > 0 && IsDictionary(TypeAt(requestType, segments.Take(i).ToList())) ? $"[{segment}]"
            : i == 0 ? segment : "." + segment);
        var field = string.Concat(written);
        field = prefix.Length == 0 ? field : field.Length == 0 ? prefix : field.StartsWith('[') ? prefix + field : $"{prefix}.{field}";
        return field.Length == 0 ? "body" : field;
    }

    private static bool IsDictionary(Type? type) =>
        type is not null && (Nullable.GetUnderlyingType(type) ?? type) is { IsGenericType: true } generic &&
        generic.GetGenericTypeDefinition() == typeof(Dictionary<,>);

    private static int Distance(string a, string b)
    {
        var (x, y) = (a.ToLowerInvariant(), b.ToLowerInvariant());
        var previous = Enumerable.Range(0, y.Length + 1).ToArray();
        for (var i = 1; i <= x.Length; i++)
        {
            var current = new int[y.Length + 1];
            current[0] = i;
            for (var j = 1; j <= y.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[y.Length];
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"\[\d+\]|\['[^']*'\]|\.[^.\[]+")]
    private static partial Regex PathSegment();
}
