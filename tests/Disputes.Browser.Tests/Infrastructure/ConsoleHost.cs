using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Api.Identity;
using Disputes.Testing;
using JasperFx.Resources;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Xunit;

namespace Disputes.Browser.Tests.Infrastructure;

/// <summary>
/// The real service, as <c>dotnet run</c> starts it (Development environment, so the development sign-in exists),
/// on Kestrel at a loopback port of its own, serving the web console from <c>src/Disputes.Api/wwwroot</c>, against
/// a PostgreSQL database of its own, with a <see cref="TestClock"/> for the business "now".
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    private ConsoleHost(WebApplication app, TestClock clock, Uri baseAddress)
    {
        App = app;
        Clock = clock;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public TestClock Clock { get; }

    /// <summary>Where the service listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API project's folder: its content root, with <c>wwwroot/</c> and the appsettings files.</summary>
    public static string ApiProjectDirectory { get; } = Path.Combine(RepositoryRoot(), "src", "Disputes.Api");

    public static async Task<ConsoleHost> StartAsync(string connectionString)
    {
        var clock = new TestClock();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = ApiProjectDirectory,
            WebRootPath = Path.Combine(ApiProjectDirectory, "wwwroot"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Disputes"] = connectionString,
            ["Disputes:Timers:PollingInterval"] = "00:00:00.500",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await builder.AddDisputesAsync();
        builder.Services.AddSingleton<IClock>(clock);
        var app = builder.Build();
        app.UseDisputes();
        await app.StartAsync();
        var address = app.Urls.Single(url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        return new ConsoleHost(app, clock, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A bearer token for <paramref name="role"/>, as the development sign-in issues it.</summary>
    public string TokenFor(string role, string subject, params string[] accountIds) =>
        App.Services.GetRequiredService<TokenIssuer>().Issue(role, subject, accountIds);

    /// <summary>An HTTP client of the API signed in with <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string role, string subject, params string[] accountIds)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(role, subject, accountIds));
        return client;
    }

    /// <summary>Empties the event store, the read models and Wolverine's message storage.</summary>
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

    /// <summary>Registers an account with a monthly closing day.</summary>
    public async Task RegisterAccountAsync(string accountId, string timeZone = "America/New_York", int closingDay = 15)
    {
        using var client = ClientAs(Roles.Agent, "agent-7");
        var response = await client.PutAsJsonAsync($"api/accounts/{accountId}",
            new { timeZone, billingCycle = new { closingDay } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Opens a dispute through the API (the intake of the README), returning its body; a null
    /// <paramref name="statementTransmittedOn"/> opens one about a charge not yet billed.
    /// </summary>
    public async Task<JsonObject> OpenDisputeAsync(string accountId, string merchant = "XYZ Store", decimal amount = 127.43m,
        string noticeReceivedAt = "2025-03-03T15:00:00Z", string? statementTransmittedOn = "2025-02-16")
    {
        using var client = ClientAs(Roles.Agent, "agent-7");
        var response = await client.PostAsJsonAsync("api/disputes", new
        {
            accountId,
            cardLast4 = "1005",
            chatSessionId = "chat-" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c)),
            reason = "unauthorized",
            merchant,
            amount,
            currency = "USD",
            transactionDate = "2025-02-10",
            statementTransmittedOn,
            noticeReceivedAt,
            description = "I did not make this purchase",
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Sends an agent command to a dispute at its current version.</summary>
    public async Task<JsonObject> CommandAsync(JsonObject dispute, string step, JsonObject? body = null)
    {
        using var client = ClientAs(Roles.Agent, "agent-7");
        var current = JsonNode.Parse(await client.GetStringAsync($"api/disputes/{dispute["disputeId"]}"))!.AsObject();
        body ??= [];
        body["expectedVersion"] = (long)current["version"]!;
        var response = await client.PostAsync($"api/disputes/{dispute["disputeId"]}/{step}", JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Logs a complaint about fees through the API (as the agent console does), returning its body.</summary>
    public async Task<JsonObject> LogComplaintAsync(string accountId, string receivedAt = "2025-03-03T15:00:00Z", string? disputeId = null,
        string category = "fees_and_interest")
    {
        using var client = ClientAs(Roles.Agent, "agent-7");
        var response = await client.PostAsJsonAsync("api/complaints", new
        {
            accountId,
            disputeId,
            category,
            description = "I was charged a late fee although I paid on time",
            channel = "chat",
            receivedAt,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Takes a step on a complaint at its current version, as <paramref name="role"/>.</summary>
    public async Task<JsonObject> ComplaintCommandAsync(JsonObject complaint, string step, JsonObject? body = null, string role = Roles.Agent)
    {
        using var client = ClientAs(role, $"{role}-7");
        var current = JsonNode.Parse(await client.GetStringAsync($"api/complaints/{complaint["complaintId"]}"))!.AsObject();
        body ??= [];
        body["expectedVersion"] = (long)current["version"]!;
        var response = await client.PostAsync($"api/complaints/{complaint["complaintId"]}/{step}", JsonContent.Create(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// Calls each endpoint the pages use once, so Wolverine generates its handler code before a browser waits on it.
    /// </summary>
    public async Task WarmUpAsync()
    {
        using var agent = ClientAs(Roles.Agent, "warm-up");
        using var compliance = ClientAs(Roles.Compliance, "warm-up");
        using var cardmember = ClientAs(Roles.Cardmember, "warm-up", "acct-warm-up");
        var id = Guid.NewGuid();
        await Task.WhenAll(
            agent.GetAsync("api/disputes"),
            agent.GetAsync($"api/disputes/{id}"),
            agent.GetAsync("api/disputes/by-case/DSP-0000-000000"),
            agent.PostAsJsonAsync("api/disputes", new { }),
            agent.PostAsJsonAsync($"api/disputes/{id}/acknowledgment", new { expectedVersion = 1 }),
            agent.PostAsJsonAsync($"api/disputes/{id}/notes", new { text = "x", expectedVersion = 1 }),
            agent.PostAsJsonAsync($"api/disputes/{id}/statement-date", new { statementTransmittedOn = "2025-01-01", expectedVersion = 1 }),
            compliance.GetAsync("api/compliance/summary"),
            compliance.GetAsync("api/compliance/deadlines"),
            compliance.GetAsync("api/compliance/breaches"),
            compliance.GetAsync("api/compliance/days"),
            compliance.GetAsync($"api/compliance/disputes/{id}/history"),
            compliance.GetAsync($"api/compliance/disputes/{id}/as-of?at=2025-01-01T00:00:00Z"),
            cardmember.GetAsync("api/me/disputes"),
            cardmember.GetAsync("api/me/complaints"),
            agent.PostAsJsonAsync("api/complaints", new { }),
            compliance.GetAsync("api/compliance/complaints?status=at_risk"),
            compliance.GetAsync($"api/compliance/complaints/{id}/history"),
            cardmember.PostAsJsonAsync("api/me/disputes/DSP-0000-000000/withdraw", new { }));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Disputes.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Disputes.sln not found above {AppContext.BaseDirectory}: the browser tests serve the web console from the repository.");
    }
}
