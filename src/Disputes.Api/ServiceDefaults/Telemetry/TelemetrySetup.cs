using Disputes.Api.Identity;
using Marten;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Disputes.Api.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics for HTTP, Wolverine, Marten and Npgsql (their own sources) and the
/// service's meter; exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and scraped by
/// Prometheus at <c>/metrics</c>. Logs are JSON with scopes outside Development.
/// </summary>
public static class TelemetrySetup
{
    // Marten tags its projection metrics with the database URI (host and database name); only these tags are kept.
    private static readonly MetricStreamConfiguration MartenTagsWithoutDatabase = new()
    {
        TagKeys = ["tenant.id", "event.type", "projection", "shard", "exception.type"],
    };

    /// <summary>Registers telemetry.</summary>
    public static void AddDisputesTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DisputesMetrics>();
        builder.Services.AddSingleton<CommittedEventsMetrics>();
        builder.Services.AddHostedService<OpenClocksGauge>();
        builder.Services.AddSingleton<ProjectionLagMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ProjectionLagMonitor>());
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<CommittedEventsMetrics>()));

        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("disputes"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource("Wolverine", "Marten", "Npgsql");
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(DisputesMetrics.MeterName, "Wolverine", "Marten", "Npgsql")
                    .AddView(instrument => instrument.Meter.Name == "Marten" ? MartenTagsWithoutDatabase : null)
                    .AddPrometheusExporter();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(json => json.IncludeScopes = true);
        }
    }

    /// <summary>Maps the Prometheus scrape endpoint at <c>/metrics</c>, for the operator only (<see cref="OperationsAccess"/>).</summary>
    public static void MapDisputesMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Operate);
}
