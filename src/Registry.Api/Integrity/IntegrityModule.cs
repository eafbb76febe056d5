using Npgsql;

namespace Registry.Api.Integrity;

/// <summary>The tamper-evident history (docs/adr/0013): event hashes, the registry chain, signed checkpoints.</summary>
public static class IntegrityModule
{
    public static IServiceCollection AddIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IntegritySettings.From(configuration));
        services.AddSingleton(provider => RegistryKey.Load(provider.GetRequiredService<IntegritySettings>(),
            provider.GetRequiredService<IHostEnvironment>(), provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ChainVerifier>();
        services.AddSingleton<ChainLinks>();
        services.AddHostedService<ChainKeeper>();
        return services;
    }
}
