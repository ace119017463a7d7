using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Disputes.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace Disputes.Bench.Service;

/// <summary>
/// The real service, wired exactly as Program.cs wires it (<c>AddDisputesAsync</c>, <c>UseDisputes</c>), on Kestrel
/// at a free loopback port, in the Production environment (the committed generated handler code, no developer pages),
/// against the scenario's database.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    /// <summary>Signs the development tokens of the benchmark's own service; never used anywhere else.</summary>
    // Random for each run: no key that signs tokens lives in the repository.
    private static readonly string BenchSigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The configuration key of the per-client intake rate limit, raised for the benchmark.</summary>
    public const string IntakeLimitKey = "Disputes:RateLimits:IntakePerMinute";

    private ServiceHost(WebApplication app, Uri address, HttpClient client, bool authenticated)
    {
        App = app;
        Address = address;
        Client = client;
        Authenticated = authenticated;
    }

    public WebApplication App { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; }

    /// <summary>A client of the service with the bench agent's token (when the service has the development sign-in).</summary>
    public HttpClient Client { get; }

    /// <summary>Whether the client carries a token (always, since the service's own issuer signs it).</summary>
    public bool Authenticated { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="connectionString">The scenario's database.</param>
    /// <param name="maxConnections">Connections the client keeps open to the service (one per concurrent client).</param>
    /// <param name="clock">Replaces the service's clock, e.g. with an <see cref="AdjustableClock"/>.</param>
    /// <param name="cancellation">Cancels the start.</param>
    public static async Task<ServiceHost> StartAsync(string connectionString, int maxConnections, IClock? clock = null,
        CancellationToken cancellation = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Production, as the service ships: Wolverine loads the committed generated code instead of compiling its own
            // at start, and the developer pages are off. Measured in Development, the handler code ran MinOpt-jitted and
            // the JIT still took 9% of the samples after the warm-up (bench/README.md, intake).
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Disputes"] = connectionString,
            ["Disputes:ApplySchemaOnStartup"] = "true",
            ["Disputes:Notices:IssuerName"] = "Bench Bank, N.A.",

            // The webhook receivers of `webhooks` listen on loopback over plain HTTP, which Production refuses by default.
            ["Disputes:Webhooks:AllowPrivateAddresses"] = "true",
            ["Disputes:Webhooks:AllowPlainHttp"] = "true",
            ["Disputes:Auth:SigningKey"] = BenchSigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.StaticFiles"] = "Error",
            ["Logging:LogLevel:Wolverine"] = "Warning",
            ["Logging:LogLevel:Marten"] = "Warning",

            // The service logs a warning per recorded breach; thousands of them would drown the benchmark's output.
            ["Logging:LogLevel:Disputes.Api.ServiceDefaults.Telemetry"] = "Error",

            // The per-client intake limit (600 a minute by default) would cap the benchmark's clients, which all
            // sign in as one agent; the limiter still runs, its cost is part of the figures.
            [IntakeLimitKey] = "100000000",
        });
        await builder.AddDisputesAsync();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        var app = builder.Build();
        app.UseDisputes();
        await app.StartAsync(cancellation);

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(app.Services, "agent", "bench"));
        return new ServiceHost(app, address, client, true);
    }

    /// <summary>Another client of the service, signed in with <paramref name="role"/> as <paramref name="subject"/>; the caller disposes it.</summary>
    public Task<HttpClient> ClientAsAsync(string role, string subject, CancellationToken cancellation)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(App.Services, role, subject));
        return Task.FromResult(client);
    }

    /// <summary>A bearer token from the service's own issuer, signed with the bench's key, as an identity provider would give.</summary>
    private static string Token(IServiceProvider services, string role, string subject) =>
        services.GetRequiredService<Disputes.Api.Identity.TokenIssuer>().Issue(role, subject);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
