using Npgsql;
using Registry.Api.Epcis.Capturing;
using Registry.Api.Epcis.Querying;
using Registry.Api.Epcis.Validating;
using Registry.Api.Infrastructure;

namespace Registry.Api.Epcis;

/// <summary>The EPCIS 2.0 door (epcis.md): capture with its jobs and workers, and queries.</summary>
public static class EpcisModule
{
    public static IServiceCollection AddEpcis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CaptureSettings.From(configuration));
        services.AddSingleton<EpcisRules>();
        services.AddSingleton<EventCapture>();
        services.AddSingleton<CaptureRunner>();
        services.AddSingleton<CaptureIntake>();
        services.AddSingleton(provider => new CaptureDocuments(provider.GetRequiredService<NpgsqlDataSource>(), MartenSetup.Schema));
        services.AddSingleton<CaptureWorker>();
        services.AddSingleton(provider => new EpcisEventQueries(provider.GetRequiredService<NpgsqlDataSource>(), MartenSetup.Schema));
        services.AddHostedService(provider => provider.GetRequiredService<CaptureWorker>());
        return services;
    }
}
