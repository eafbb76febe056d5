using JasperFx.OpenTelemetry;
using Marten;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Registry.Api.Observability;

/// <summary>
/// Traces and metrics from ASP.NET Core, Npgsql, Marten and Wolverine (their activity sources and meters) and the
/// registry's own (<see cref="RegistryMetrics"/>, <see cref="ProjectionLag"/>); Prometheus text at <c>/metrics</c>,
/// and OTLP (traces, metrics, logs) only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. See docs/adr/0017.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsRoute = "/metrics";
    /// <summary>When set, <c>/metrics</c> answers only on this port (which the operator adds to the listening URLs).</summary>
    public const string MetricsPortSetting = "Registry:Metrics:Port";
    private static readonly string[] Libraries = ["Marten", "Wolverine"];

    public static WebApplicationBuilder AddRegistryTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistryMetrics>();
        builder.Services.AddSingleton<ProjectionLag>();
        builder.Services.ConfigureMarten((services, marten) =>
        {
            marten.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            marten.OpenTelemetry.TrackEventCounters();
            marten.Logger(new ClientErrorQuietMartenLogger(services.GetRequiredService<ILogger<IDocumentStore>>()));
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("registry"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !http.Request.Path.StartsWithSegments(MetricsRoute))
                .AddNpgsql()
                .AddSource(Libraries))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter([.. Libraries, RegistryMetrics.MeterName])
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return builder;
    }

    public static void MapRegistryMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<ProjectionLag>(); // its gauge exists once it does
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsRoute);
        if (app.Configuration.GetValue<int?>(MetricsPortSetting) is { } port) endpoint.RequireHost($"*:{port}");
    }
}
