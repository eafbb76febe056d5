using FluentValidation;
using JasperFx;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Registry.Api.Auth;
using Registry.Api.Demo;
using Registry.Api.Epcis;
using Registry.Api.GraphQL;
using Registry.Api.Imports;
using Registry.Api.Infrastructure;
using Registry.Api.Integrity;
using Registry.Api.Observability;
using Registry.Api.Infrastructure.Idempotency;
using Registry.Api.Infrastructure.OpenApi;
using Registry.Api.Infrastructure.Validation;
using Registry.Api.Operations;
using Registry.Api.Organizations;
using Registry.Api.Reads;
using Registry.Api.Passports;
using Registry.Api.ReferenceData;
using Registry.Api.Web;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddRegistryLogging();
builder.AddRegistryTelemetry();

builder.Services.AddRegistryMarten(builder.Configuration);
builder.Services.AddReferenceData(builder.Configuration);
builder.Host.UseWolverine(opts =>
{
    opts.UseRuntimeCompilation();
    opts.Policies.AutoApplyTransactions();
});
builder.Services.AddWolverineHttp();
FieldRules.ConfigureGlobally();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ImportLineDecider>();
builder.Services.AddSingleton<ImportRunner>();
builder.Services.AddSingleton<LoadedTableStatistics>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<LoadedTableStatistics>());
builder.Services.AddSingleton<LotReadRecorder>();
builder.Services.AddHostedService<LotReadWriter>();
builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));

builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddSingleton<KnownApiKeys>();
builder.Services.AddSingleton<FailedAuthentications>();
builder.Services.AddHostedService<ApiKeyRevocationListener>();
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddOrganizationLimits(builder.Configuration);

builder.Services.AddHostedService<BootstrapAdmin>();
if (builder.Environment.IsDevelopment())
{
    builder.Services.AddSingleton<DemoData>();
    builder.Services.AddHostedService(provider => provider.GetRequiredService<DemoData>());
}

builder.Services.AddRegistryGraphQL(builder.Configuration);
builder.Services.AddEpcis(builder.Configuration);
builder.Services.AddIntegrity(builder.Configuration);
builder.Services.AddScoped<PassportReader>();
builder.Services.AddRegistryOpenApi();
builder.Services.AddHealthChecks()
    .AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"])
    .AddCheck<ProjectionDaemonHealthCheck>("projection-daemon", tags: ["ready"]);
if (builder.Environment.IsDevelopment())
    builder.Services.AddHealthChecks().AddCheck<DemoDataHealthCheck>("demo-data", tags: ["ready"]);

var app = builder.Build();

// Who is asking is settled before any body is read; the body is checked before the write limit, the idempotency
// lookup or an endpoint sees it. The access log comes first: it sees every answer, the framework's too.
app.UseMiddleware<AccessLog>();
app.UseMiddleware<SecurityHeaders>();
app.UseWebPages();
app.UseGraphiQLPage();
app.UseMiddleware<EpcisHeaders>();
app.UseMiddleware<ErrorHandlingMiddleware>();
app.UseStatusCodePages(EmptyErrorAnswers.WriteAsync);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseMiddleware<RequestBodyGate>();
app.UseMiddleware<WriteConcurrencyLimit>();
app.UseMiddleware<IdempotencyMiddleware>();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = check => check.Tags.Contains("ready"),
    ResponseWriter = HealthAnswer.WriteAsync,
});
app.MapRegistryMetrics();
app.MapRegistryGraphQL();
app.MapRegistryOpenApi();
app.MapWebPages();
app.MapWolverineEndpoints(opts =>
{
    // Each inserts its frames first: validation, added last, runs before the empty-id check.
    opts.AddPolicy<EmptyLotIdPolicy>();
    opts.AddPolicy<FluentValidationPolicy>();
    opts.AddPolicy<RegistryAnswersPolicy>();
});

return await app.RunJasperFxCommands(args);

public partial class Program;
