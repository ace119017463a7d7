using Disputes.Api.BusinessDays;
using Disputes.Api.Disputes.Opening;
using Disputes.Api.Disputes.Timing;
using Disputes.Api.Hosting.Health;
using Disputes.Api.Hosting.OpenApi;
using Disputes.Api.Hosting.Telemetry;
using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Api.Webhooks;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Resources;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;

namespace Disputes.Api.Hosting;

/// <summary>Wires the service: PostgreSQL, Marten, Wolverine, JSON and problem details.</summary>
public static class DisputesService
{
    /// <summary>
    /// Registers everything the service needs. Without <c>ConnectionStrings:Disputes</c> a Debug build starts a local
    /// PostgreSQL cluster under <c>.data/postgres</c> of the repository and uses that; a Release build refuses to start
    /// (<see cref="DevelopmentDatabase"/>).
    /// </summary>
    public static async Task AddDisputesAsync(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Disputes");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = await DevelopmentDatabase.StartAsync(builder);
        }

        var (dataSource, pools) = DisputesStore.Pools(connectionString);
        // Factory registrations, so the container disposes the pool (and its connections) with the host; with several
        // hosts the read-write view handed out does not own the hosts' pools, so their owner is disposed with it.
        builder.Services.AddSingleton(_ => new DataSourceOwner(pools));
        builder.Services.AddSingleton(services =>
        {
            services.GetRequiredService<DataSourceOwner>();
            return dataSource;
        });
        builder.Services.AddSingleton<IClock>(ShiftedClock.FromConfiguration(builder.Configuration));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CaseNumbers>();
        builder.Services.AddSingleton<Complaints.Logging.ComplaintReferences>();
        builder.Services.AddSingleton<Complaints.Timing.ComplaintTimers>();
        builder.Services.AddSingleton<DeadlineTimers>();
        builder.Services.AddSingleton<Holds.HoldTimers>();
        builder.Services.AddDisputesBusinessDays();
        builder.Services.AddOptions<Disputes.Approving.ApprovalOptions>().BindConfiguration(Disputes.Approving.ApprovalOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(ProcessingTimeZone.FromConfiguration(builder.Configuration));
        builder.Services.Configure<DeadlineWarningOptions>(builder.Configuration.GetSection("Disputes:DeadlineWarnings"));

        // Every node may run; Wolverine assigns each async projection or subscription to exactly one live
        // node (Marten's own HotCold election cannot take its lock with the lock library this project resolves).
        var marten = builder.Services.AddMarten(_ => DisputesStore.Options(dataSource))
            .UseLightweightSessions()
            .IntegrateWithWolverine(wolverine => wolverine.UseWolverineManagedEventSubscriptionDistribution = true);

        // Webhooks are derived from the event log after commit by a subscription of the same daemon, so intake never
        // waits for a receiver; their deliveries go through a durable local queue of their own.
        var webhooks = builder.AddDisputesWebhooks();
        marten.AddWebhookDispatch();

        // Production applies schema changes only through the explicit `db-apply` / `resources setup` commands,
        // so a rolling deployment never has nodes racing to migrate; everywhere else the service does it on start.
        var applySchemaOnStart = !builder.Environment.IsProduction() || builder.Configuration.GetValue<bool>("Disputes:ApplySchemaOnStartup");
        if (applySchemaOnStart)
        {
            marten.ApplyAllDatabaseChangesOnStartup();
            builder.Services.AddResourceSetupOnStartup();
        }
        else
        {
            builder.Services.ConfigureMarten(options => options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None);
        }

        builder.Host.UseWolverine(options =>
        {
            // Named explicitly: under a test host the entry assembly is the test runner, not this service.
            options.ApplicationAssembly = typeof(DisputesService).Assembly;
            options.UseRuntimeCompilation();

            // Production loads the handler code generated ahead of time (`dotnet run -- codegen write`, kept in
            // Internal/Generated and checked by a test), so start-up compiles nothing; elsewhere it is generated
            // at run time, so a changed handler needs no extra step while developing.
            options.CodeGeneration.TypeLoadMode = builder.Environment.IsProduction() ? TypeLoadMode.Static : TypeLoadMode.Dynamic;
            options.UseSystemTextJsonForSerialization(json => DisputesJson.Configure(json));
            options.Policies.AutoApplyTransactions();

            // A command on a dispute that does not exist throws, so it is answered by the one 404 problem.
            options.EntityDefaults.OnMissing = Wolverine.Persistence.OnMissing.ThrowException;
            options.Policies.UseDurableLocalQueues();
            options.Policies.AlwaysMakeScheduledMessagesDurable();
            options.AddWebhookDelivery(webhooks);
            if (!applySchemaOnStart)
            {
                options.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;
            }
            var timers = builder.Configuration.GetSection("Disputes:Timers").Get<TimerDeliveryOptions>() ?? new();
            options.Durability.ScheduledJobPollingTime = timers.PollingInterval;
            options.Durability.RecoveryBatchSize = timers.BatchSize;
            var nodes = builder.Configuration.GetSection("Disputes:Nodes").Get<NodeOptions>() ?? new();
            options.Durability.HealthCheckPollingTime = nodes.HeartbeatInterval;
            options.Durability.FirstHealthCheckExecution = TimeSpan.FromMilliseconds(500);
            options.Durability.StaleNodeTimeout = nodes.DeadAfter;
            options.Durability.CheckAssignmentPeriod = nodes.CheckAssignmentPeriod;

            // Two handlers deciding on the same dispute version: the loser retries on the new state, where
            // the domain finds the breach already recorded and appends nothing.
            options.OnException<ConcurrencyException>().RetryWithCooldown(
                TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
            options.OnException<Npgsql.NpgsqlException>().RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
        });

        builder.AddDisputesIdentity();
        builder.AddDisputesHealth();
        builder.AddDisputesLimits();
        builder.AddDisputesTelemetry();
        builder.AddDisputesNotices();
        builder.Services.AddWolverineHttp();
        builder.Services.AddOpenApi();
        builder.Services.AddDisputesOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => DisputesJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<RepeatedIntake>();
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
    }

    /// <summary>Adds the middleware and maps the endpoints.</summary>
    public static void UseDisputes(this WebApplication app)
    {
        app.UseMiddleware<ApiResponseHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimits>();
        app.UseWebConsole();
        app.UseAuthentication();
        app.UseDisputesLimits();
        app.UseAuthorization();
        app.UseMiddleware<Screening.RequestScreen>();
        app.Use(Disputes.EmptyDisputeId.RefuseAsync);
        app.Use(Complaints.EmptyComplaintId.RefuseAsync);
        app.MapWolverineEndpoints(http =>
        {
            http.RequireAuthorizeOnAll();
            http.AddMiddleware(typeof(AuditStamp), chain => chain.HttpMethods.Any(method => method is not ("GET" or "HEAD")));
        });
        app.MapDisputesHealth();
        app.MapOpenApi().AllowAnonymous();
        app.MapDisputesMetrics();
        if (app.Environment.IsDevelopment())
        {
            app.MapDevelopmentTokens();
            app.MapScalarApiReference("/docs", DisputesOpenApi.ConfigureScalar).AllowAnonymous();
        }
    }

    /// <summary>Disposes the data source that owns the connections when the container is disposed.</summary>
    private sealed class DataSourceOwner(Npgsql.NpgsqlDataSource owner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
