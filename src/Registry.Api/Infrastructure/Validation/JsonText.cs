using System.Text;
using System.Text.Json;

namespace Registry.Api.Infrastructure.Validation;

/// <summary>Why a JSON text is refused: the field (as the JSON names it, e.g. <c>outputs[0].lotNumber</c>) and the reason.</summary>
public sealed record JsonTextProblem(string Field, string Message, bool Malformed = false, string Code = "invalid-text");

/// <summary>
/// Checks a JSON text before anything deserializes or stores it: well-formed, valid UTF-8 without lone surrogates,
/// and no control characters but tab, CR and LF in any string or name. PostgreSQL refuses NUL in text and jsonb
/// (a 500 otherwise), and no field of the registry has a use for the others.
/// </summary>
public static class JsonText
{
    public static JsonTextProblem? Check(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        var path = new List<object>(); // property names and array indexes, outermost first
        var containers = new Stack<bool>(); // true: array
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path, containers);
                        containers.Push(reader.TokenType == JsonTokenType.StartArray);
                        path.Add(reader.TokenType == JsonTokenType.StartArray ? (object)-1 : "");
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        containers.Pop();
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        if (Refuse(ref reader, Field(path, containers, parentOnly: true)) is { } badName) return badName;
                        path[^1] = reader.GetString()!;
                        break;
                    default:
                        Advance(path, containers);
                        if (reader.TokenType == JsonTokenType.String &&
                            Refuse(ref reader, Field(path, containers, parentOnly: false)) is { } badValue) return badValue;
                        break;
                }
            }
        }
        catch (JsonException json)
        {
            return new("body", $"The body is not valid JSON: {Sanitized(json.Message)}", Malformed: true);
        }
        return null;
    }

    /// <summary>True when the text holds a control character other than tab, CR and LF.</summary>
    public static bool HasControlCharacters(string text) => text.Any(IsRefused);

    private static bool IsRefused(char c) => char.IsControl(c) && c is not ('\t' or '\r' or '\n');

    private static JsonTextProblem? Refuse(ref Utf8JsonReader reader, string field)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return new(field, $"{field} is not valid UTF-8 text (an invalid byte sequence or a lone surrogate).");
        }
        return HasControlCharacters(text)
            ? new(field, $"{field} contains a control character; only tab, CR and LF are allowed.")
            : null;
    }

    /// <summary>A value in an array takes the next index.</summary>
    private static void Advance(List<object> path, Stack<bool> containers)
    {
        if (containers.TryPeek(out var array) && array) path[^1] = (int)path[^1] + 1;
    }

    private static string Field(List<object> path, Stack<bool> containers, bool parentOnly)
    {
        var builder = new StringBuilder();
        var segments = parentOnly ? path.Take(path.Count - 1) : path;
        foreach (var segment in segments)
        {
            if (segment is int index) builder.Append('[').Append(index).Append(']');
            else if (segment is string { Length: > 0 } name) builder.Append(builder.Length > 0 ? "." : "").Append(name);
        }
        return builder.Length == 0 ? "body" : builder.ToString();
    }

    /// <summary>Reader messages quote no input, but keep them printable anyway.</summary>
    private static string Sanitized(string message) => new(message.Select(c => IsRefused(c) ? '?' : c).ToArray());
}
