using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Times must carry their offset ("2026-01-10T09:00:00+09:00" or "…Z"): without one, the server's own time zone
/// would silently decide when the event happened.
/// </summary>
public sealed class OffsetRequiredDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            || !HasOffset(text))
            throw new JsonException($"'{text}' is not an ISO 8601 time with an offset, e.g. 2026-01-10T09:00:00+09:00.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    private static bool HasOffset(string text)
    {
        var time = text.IndexOf('T');
        return time > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > time);
    }
}
