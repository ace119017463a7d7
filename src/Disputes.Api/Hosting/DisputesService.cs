using Disputes.Api.Complaints;
using Disputes.Api.Disputes;
using Disputes.Api.Identity;
using Disputes.Api.Notices;
using Disputes.Api.Problems;
using Disputes.Api.ServiceDefaults;
using Disputes.Api.ServiceDefaults.Health;
using Disputes.Api.ServiceDefaults.Limits;
using Disputes.Api.ServiceDefaults.OpenApi;
using Disputes.Api.ServiceDefaults.Telemetry;
using Disputes.Api.Webhooks;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace Disputes.Api.Hosting;

/// <summary>
/// What the service is made of, composed the same way by <c>Program.cs</c>, the test hosts and the bench: the event
/// store and messaging it runs on, who may call it, the features, and the defaults of any HTTP service.
/// </summary>
public static class DisputesService
{
    /// <summary>Registers every part of the service.</summary>
    public static async Task AddDisputesAsync(this WebApplicationBuilder builder)
    {
        await builder.AddEventStoreAsync();
        builder.AddMessaging();
        builder.AddDisputesIdentity();
        builder.AddDisputeWork();
        builder.AddComplaints();
        builder.AddDisputesNotices();
        builder.AddDisputesWebhooks();
        builder.AddServiceDefaults();
    }

    /// <summary>The request pipeline, in the order each step must see a request, then the endpoints.</summary>
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
        app.Use(EmptyStreamId.RefuseAsync);
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
}
