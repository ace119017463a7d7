using Disputes.Api.Disputes.Timing;
using Disputes.Api.ServiceDefaults;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten.Exceptions;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;

namespace Disputes.Api.Hosting;

/// <summary>Wolverine: the HTTP endpoints and message handlers, their transactions, durable local queues and scheduled timers.</summary>
public static class Messaging
{
    /// <summary>Registers Wolverine and its HTTP endpoints.</summary>
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        var timers = builder.AddSettings<TimerDeliveryOptions>();
        var nodes = builder.AddSettings<NodeOptions>();
        var applySchemaOnStart = EventStore.AppliesSchemaOnStart(builder);
        builder.Host.UseWolverine(options =>
        {
            // Named explicitly: under a test host the entry assembly is the test runner, not this service.
            options.ApplicationAssembly = typeof(Messaging).Assembly;
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
            if (!applySchemaOnStart)
            {
                options.AutoBuildMessageStorageOnStartup = JasperFx.AutoCreate.None;
            }

            options.Durability.ScheduledJobPollingTime = timers.PollingInterval;
            options.Durability.RecoveryBatchSize = timers.BatchSize;
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
        builder.Services.AddWolverineHttp();
    }
}
