using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Npgsql;
using Registry.Api.Infrastructure.Idempotency;
using Registry.Api.Organizations;
using Registry.Domain.Lots;
using Registry.Projections.Lineage;
using Registry.Projections.Lots;
using Registry.Projections.Transformations;
using Weasel.Core;
using Wolverine.Marten;

namespace Registry.Api.Infrastructure;

public static class MartenSetup
{
    public const string Schema = "registry";
    /// <summary>Unique per owner: a violation is answered 409 lot-number-taken.</summary>
    public const string LotNumberIndex = "lot_owner_number";

    public static IServiceCollection AddRegistryMarten(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Registry");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:Registry is not set. Start a local PostgreSQL with ./scripts/postgres.sh and set " +
                "ConnectionStrings__Registry to the connection string it prints (./run.sh does both).");

        var dataSource = NpgsqlDataSource.Create(connectionString);
        services.AddSingleton(dataSource);
        services.AddSingleton(new LotLineageQueries(dataSource, Schema));
        services.AddMarten(opts =>
            {
                opts.Connection(dataSource);
                opts.DatabaseSchemaName = Schema;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;

                opts.Projections.Add<LotProjection>(ProjectionLifecycle.Inline);
                opts.Projections.Add<TransformationProjection>(ProjectionLifecycle.Inline);
                opts.Projections.Add<LotLineageProjection>(ProjectionLifecycle.Inline);
                opts.Storage.ExtendedSchemaObjects.Add(LotLineageProjection.Table(Schema));
                opts.Schema.For<Lot>()
                    .UniqueIndex(UniqueIndexType.Computed, LotNumberIndex, x => x.OwnerId, x => x.LotNumber)
                    .Index(x => x.HolderId);
                opts.Schema.For<Organization>()
                    .UniqueIndex(UniqueIndexType.Computed, "organization_name", x => x.Name)
                    .UniqueIndex(UniqueIndexType.Computed, "organization_api_key", x => x.ApiKeyHash);
                opts.Schema.For<IdempotencyRecord>();
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = "wolverine");
        return services;
    }
}
