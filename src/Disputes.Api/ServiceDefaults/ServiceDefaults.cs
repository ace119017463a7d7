using Disputes.Api.Problems;
using Disputes.Api.ServiceDefaults.Health;
using Disputes.Api.ServiceDefaults.Limits;
using Disputes.Api.ServiceDefaults.OpenApi;
using Disputes.Api.ServiceDefaults.Telemetry;

namespace Disputes.Api.ServiceDefaults;

/// <summary>
/// What any HTTP service of this kind needs, whatever its domain: one JSON contract, RFC 9457 problem details for
/// every failure, limits on what one client may send, health probes, telemetry and the OpenAPI description.
/// </summary>
public static class ServiceDefaultsSetup
{
    /// <summary>
    /// Registers the defaults. Its exception handler answers whatever no feature's own handler did, so it is added after
    /// the features (exception handlers run in the order they are added).
    /// </summary>
    public static void AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => DisputesJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        builder.AddDisputesLimits();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        builder.AddDisputesHealth();
        builder.AddDisputesTelemetry();
        builder.Services.AddOpenApi();
        builder.Services.AddDisputesOpenApi();
    }
}
