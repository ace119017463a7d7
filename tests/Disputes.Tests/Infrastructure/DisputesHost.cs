using System.Net.Http.Json;
using System.Text.Json;
using Disputes.Api.Hosting;
using Disputes.Api.Identity;
using Disputes.Api.ServiceDefaults;
using Disputes.Testing;
using JasperFx.Resources;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;
using Wolverine;
using Wolverine.Tracking;

namespace Disputes.Tests.Infrastructure;

/// <summary>
/// The real service (same registration as Program.cs) on an in-memory HTTP server, against a real
/// PostgreSQL database of its own, with a <see cref="TestClock"/> for "now".
/// </summary>
public sealed class DisputesHost : IAsyncDisposable
{
    private DisputesHost(WebApplication app, string connectionString, TestClock clock)
    {
        App = app;
        ConnectionString = connectionString;
        Clock = clock;
        Client = ClientAs(Roles.Agent, "agent-7");
        Supervisor = ClientAs(Roles.Supervisor, "supervisor-2");
    }

    public WebApplication App { get; }

    public string ConnectionString { get; }

    public TestClock Clock { get; }

    /// <summary>A client signed in as agent <c>agent-7</c>.</summary>
    public HttpClient Client { get; }

    /// <summary>A client signed in as supervisor <c>supervisor-2</c>, who approves what <see cref="Client"/> proposes.</summary>
    public HttpClient Supervisor { get; }

    /// <summary>A client signed in with <paramref name="role"/> as <paramref name="subject"/>.</summary>
    public HttpClient ClientAs(string role, string? subject = null, params string[] accountIds)
    {
        var client = App.GetTestClient();
        var token = App.Services.GetRequiredService<TokenIssuer>().Issue(role, subject ?? $"{role}-1", accountIds);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The operations token of every test host (<c>Disputes:Operations:Token</c>), random for the test run.</summary>
    public static string OperationsToken { get; } = RandomSecret();

    /// <summary>A client holding the operations token, as a metrics scraper or an operator would.</summary>
    public HttpClient OperatorClient()
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperationsToken);
        return client;
    }

    /// <summary>256 random bits, base64: a signing key or a token.</summary>
    public static string RandomSecret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A client with no token.</summary>
    public HttpClient AnonymousClient() => App.GetTestClient();

    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// Sends a request and waits until every message it caused has been handled (a Wolverine tracked session): for
    /// the work the service does right after answering, such as recomputing each open dispute after a calendar change.
    /// </summary>
    public async Task<HttpResponseMessage> AndItsMessagesAsync(Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage? response = null;
        await App.TrackActivity().Timeout(TimeSpan.FromSeconds(30)).IncludeExternalTransports()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => response = await send()));
        return response!;
    }

    /// <summary>The issuer every letter of a test host is from.</summary>
    public const string IssuerName = "Test Bank, N.A.";

    public static JsonSerializerOptions Json { get; } = DisputesJson.Configure(new JsonSerializerOptions());

    /// <summary>Starts the service on <paramref name="connectionString"/>; the database's schema is applied on start.</summary>
    public static async Task<DisputesHost> StartAsync(string connectionString, TestClock? clock = null, IDictionary<string, string?>? settings = null)
    {
        clock ??= new TestClock();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Disputes"] = connectionString,
            ["Disputes:Timers:PollingInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
            // Random for each host: no key that signs tokens lives in the repository.
            ["Disputes:Auth:SigningKey"] = RandomSecret(),
            ["Disputes:Operations:Token"] = OperationsToken,
            ["Disputes:Notices:IssuerName"] = IssuerName,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseTestServer();
        await builder.AddDisputesAsync();
        builder.Services.AddSingleton<IClock>(clock);
        var app = builder.Build();
        app.UseDisputes();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start refused (settings validated on start) leaves nothing running behind the test.
            await app.DisposeAsync();
            throw;
        }

        return new DisputesHost(app, connectionString, clock);
    }

    /// <summary>
    /// Empties the event store, the read models and Wolverine's message storage; the asynchronous projections
    /// are paused meanwhile, so none keeps a position past the emptied log.
    /// </summary>
    public async Task ResetAsync()
    {
        // Through the host, so the asynchronous projections are paused meanwhile and none keeps a position past the
        // emptied log.
        var projections = App.Services.GetRequiredService<IProjectionCoordinator>();
        await App.ResetAllMartenDataAsync();

        // Marten empties documents and events but not the clock tally's own tables; the log is empty now, so the
        // tally's projection has nothing to write meanwhile.
        await using (var session = App.Services.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            session.QueueSqlCommand($"truncate {string.Join(", ", Disputes.Projections.Compliance.ClockTally.TablesIn(session.DocumentStore.Options.DatabaseSchemaName))}");
            // The deadline timers and their sweeps go with the messages Wolverine's reset drops.
            session.QueueSqlCommand($"truncate {Disputes.Api.Hosting.DisputesStore.Schema}.{Disputes.Api.Disputes.Timing.DeadlineTimers.TimersTable}, {Disputes.Api.Hosting.DisputesStore.Schema}.{Disputes.Api.Disputes.Timing.DeadlineTimers.SweepsTable}");
            await session.SaveChangesAsync();
        }

        // Wolverine's assignment check can start a paused agent again before the log is emptied, and that agent goes on
        // from the old log's position, skipping the next test's first events; stopped and started once more now, every
        // agent reads the emptied progress.
        await projections.PauseAsync();
        await projections.ResumeAsync();

        await App.Services.GetRequiredService<IHost>().ResetResourceState();
    }

    /// <summary>Runs a scalar SQL query against the service's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    /// <summary>How many events the disputes' streams hold in all (account streams are not counted).</summary>
    public Task<long> EventCountAsync() =>
        ScalarAsync<long>($"select count(*) from {DisputesStore.Schema}.mt_events where type not like 'account_%'");

    /// <summary>How many disputes the event store holds.</summary>
    public Task<long> DisputeCountAsync() =>
        ScalarAsync<long>($"select count(*) from {DisputesStore.Schema}.mt_events where type = 'dispute_opened'");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Supervisor.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
