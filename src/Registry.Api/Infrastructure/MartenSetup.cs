using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Npgsql;
using Registry.Api.Epcis.Capturing;
using Registry.Api.Epcis.Storing;
using Registry.Api.Infrastructure.Idempotency;
using Registry.Api.Reads;
using Registry.Domain.Organizations;
using Registry.Domain.Lots;
using JasperFx.Events.Daemon;
using Registry.Projections.Kpis;
using Registry.Projections.Lineage;
using Registry.Projections.SupplyRisk;
using Registry.Projections.Lots;
using Registry.Projections.Transformations;
using Weasel.Core;
using Wolverine.Marten;

namespace Registry.Api.Infrastructure;

public static class MartenSetup
{
    public const string Schema = "registry";
    /// <summary>
    /// Business keys kept unique by PostgreSQL, so races are settled there; a violation is answered 409 with
    /// the index's code (ErrorHandlingMiddleware).
    /// </summary>
    public static readonly IReadOnlyList<(string Index, string Code, string Detail)> UniqueKeys =
    [
        ("lot_owner_number", "lot-number-taken", "This organization already registered or produced a lot with that lot number."),
        ("organization_name", "organization-name-taken", "An organization with that name is already registered."),
        ("organization_gln", "gln-taken", "An organization with that GLN is already registered."),
        ("lot_owner_epc_class", "epc-class-taken", "This organization already registered a lot with that epcClass."),
    ];

    public static IServiceCollection AddRegistryMarten(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Registry");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:Registry is not set. Start a local PostgreSQL with ./scripts/postgres.sh and set " +
                "ConnectionStrings__Registry to the connection string it prints (./run.sh does both).");

        // Sessions leave no connection state behind, so a pooled connection need not be reset (DISCARD ALL) on
        // every return: one round trip less per session.
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true });
        services.AddSingleton(dataSource);
        services.AddSingleton(new LotLineageQueries(dataSource, Schema));
        services.AddSingleton(new KpiQueries(dataSource, Schema));
        services.AddSingleton(new SupplyRiskQueries(dataSource, Schema));
        services.AddSingleton(new LotReadQueries(dataSource));
        services.AddMarten(opts =>
            {
                opts.Connection(dataSource);
                opts.DatabaseSchemaName = Schema;
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                opts.Events.StreamIdentity = StreamIdentity.AsGuid;
                opts.TakeOverQuickly();

                opts.Projections.Add<LotProjection>(ProjectionLifecycle.Inline);
                opts.Projections.Add<TransformationProjection>(ProjectionLifecycle.Inline);
                opts.Projections.Add<LotLineageProjection>(ProjectionLifecycle.Inline);
                opts.Storage.ExtendedSchemaObjects.Add(LotLineageProjection.Table(Schema));
                // KPIs are cross-stream and may lag writes by a moment: the daemon keeps them (docs/adr/0005).
                opts.Projections.Add(new KpiFactsProjection(), ProjectionLifecycle.Async, KpiFactsProjection.Name,
                    rebuild =>
                    {
                        rebuild.DeleteDataInTableOnTeardown($"{Schema}.{KpiFactsProjection.TableName}");
                        rebuild.DeleteDataInTableOnTeardown($"{Schema}.{KpiFactsProjection.TotalsTableName}");
                    });
                opts.Storage.ExtendedSchemaObjects.Add(KpiFactsProjection.Table(Schema));
                opts.Storage.ExtendedSchemaObjects.Add(KpiFactsProjection.TotalsTable(Schema));
                opts.Projections.Add(new SupplyFactsProjection(), ProjectionLifecycle.Async, SupplyFactsProjection.Name, rebuild =>
                {
                    rebuild.DeleteDataInTableOnTeardown($"{Schema}.{SupplyFactsProjection.LotSourcesTable}");
                    rebuild.DeleteDataInTableOnTeardown($"{Schema}.{SupplyFactsProjection.FlowsTable}");
                    rebuild.DeleteDataInTableOnTeardown($"{Schema}.{SupplyFactsProjection.CustodyTable}");
                });
                opts.Storage.ExtendedSchemaObjects.AddRange(SupplyFactsProjection.Tables(Schema));
                opts.Storage.ExtendedSchemaObjects.Add(EpcisEventTable.Table(Schema));
                opts.Storage.ExtendedSchemaObjects.Add(CaptureDocuments.Table(Schema));
                opts.Storage.ExtendedSchemaObjects.Add(LotReadTable.Table(Schema));
                opts.Schema.For<CaptureJob>().Duplicate(x => x.OrganizationId).Duplicate(x => x.Running);
                // Looked-up keys are duplicated into columns: Marten passes JSON member names as parameters, so a
                // prepared (generic) plan cannot use an index on a JSON expression and would scan the whole table.
                opts.Schema.For<Lot>()
                    .Duplicate(x => x.HolderId)
                    .Duplicate(x => x.EpcClass!)
                    .UniqueIndex(UniqueIndexType.DuplicatedField, UniqueKeys[0].Index, x => x.OwnerId, x => x.LotNumber)
                    // A class is unique among the lots an organization registers; its parts share it.
                    .Index([x => x.OwnerId, x => x.EpcClass!], index =>
                    {
                        index.Name = UniqueKeys[3].Index;
                        index.IsUnique = true;
                        index.Predicate = "data ->> 'SplitFrom' is null";
                    })
                    // The lots an organization may see (Lot.IsVisibleTo): the reads that filter in SQL find them by custodian…
                    .Index(x => x.Custodians, index =>
                    {
                        index.Name = "lot_custodians";
                        index.Method = Weasel.Postgresql.Tables.IndexMethod.gin;
                    })
                    // …and by grants made to it (LotVisibilitySql).
                    .Index(x => x.Grantees, index =>
                    {
                        index.Name = "lot_grantees";
                        index.Method = Weasel.Postgresql.Tables.IndexMethod.gin;
                    });
                opts.Schema.For<Organization>()
                    .UniqueIndex(UniqueIndexType.DuplicatedField, UniqueKeys[1].Index, x => x.Name)
                    .UniqueIndex(UniqueIndexType.DuplicatedField, UniqueKeys[2].Index, x => x.Gln!)
                    .UniqueIndex(UniqueIndexType.DuplicatedField, "organization_api_key", x => x.ApiKeyHash);
                opts.Schema.For<IdempotencyRecord>();
            })
            .UseLightweightSessions()
            // HotCold unless Registry:ProjectionDaemon says otherwise: several API processes share the projections.
            .AddRegistryDaemon(configuration)
            .ApplyAllDatabaseChangesOnStartup()
            // The hash chain's triggers, on mt_events once Marten has made it (docs/adr/0013).
            .InitializeWith<Integrity.ChainSchema>()
            .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = "wolverine");
        return services;
    }
}
