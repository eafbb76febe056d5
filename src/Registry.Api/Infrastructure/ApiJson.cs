using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Api.Infrastructure;

/// <summary>The API's JSON: web defaults (camelCase), enums by name, times with their offset.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new OffsetRequiredDateTimeConverter());
        return options;
    }
}
