namespace Registry.Api.Observability;

/// <summary>How the console log is written (<c>Registry:LogFormat</c>).</summary>
public enum LogFormat
{
    /// <summary>JSON lines when the output is redirected (a service, a container, a file), text on a terminal.</summary>
    Auto,
    /// <summary>One JSON object per line: UTC timestamp, level, category, message, its fields, and the scopes with TraceId and SpanId.</summary>
    Json,
    /// <summary>One line per entry with a timestamp, for people.</summary>
    Text,
}

public static class LoggingSetup
{
    public const string FormatSetting = "Registry:LogFormat";

    public static WebApplicationBuilder AddRegistryLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration.GetValue(FormatSetting, LogFormat.Auto);
        if (format == LogFormat.Auto) format = Console.IsOutputRedirected ? LogFormat.Json : LogFormat.Text;
        if (format == LogFormat.Json)
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true; // the host's scopes carry TraceId, SpanId and RequestPath
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        else
            builder.Logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.TimestampFormat = "HH:mm:ss.fff ";
            });
        return builder;
    }
}
