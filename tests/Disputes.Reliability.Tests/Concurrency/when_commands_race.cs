using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using NodaTime;
using Xunit;

namespace Disputes.Reliability.Tests.Concurrency;

/// <summary>One service process on a database of its own for the races of this class.</summary>
public sealed class RaceFixture : IAsyncLifetime
{
    private ServiceProcess? service;

    public ServiceProcess Service => service ?? throw new InvalidOperationException("Not started.");

    public StoredState Stored { get; private set; } = null!;

    public HttpClient Agent { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_races_{Guid.NewGuid():N}");
        Stored = new StoredState(connectionString);
        service = await ServiceProcess.StartAsync(connectionString,
            new Dictionary<string, string> { ["Disputes:RateLimits:IntakePerMinute"] = "100000" });
        Agent = await service.ClientAsync();
        await Agent.RegisterAccountAsync("acct-1001");
    }

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        await Stored.DisposeAsync();
    }
}

/// <summary>
/// Commands and intakes racing on the real service: one writer wins each version, duplicates collapse to one
/// dispute, and after a stretch of mixed work the read models equal a fresh fold of the events.
/// </summary>
public sealed class when_commands_race(RaceFixture fixture) : IClassFixture<RaceFixture>
{
    [Fact]
    public async Task fifty_commands_on_one_version_store_exactly_one()
    {
        var dispute = await fixture.Agent.OpenDisputeAsync(ServiceApi.IntakeToday("acct-1001"));
        var id = dispute["disputeId"].Str();

        using var start = new SemaphoreSlim(0);
        var commands = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await fixture.Agent.CommandAsync(id, "notes", (long)dispute["version"]!, new JsonObject { ["text"] = $"Note {i} from a racing agent." });
            return (Status: (int)response.StatusCode, Problem: response.IsProblem());
        }).ToList();
        start.Release(50);
        var answers = await Task.WhenAll(commands);

        Assert.Equal(1, answers.Count(a => a.Status == 200));
        Assert.Equal(49, answers.Count(a => a.Status == 409 && a.Problem));
        Assert.Equal(1, await fixture.Stored.EventCountAsync(Guid.Parse(id), "note_added"));
        Assert.Equal((long)dispute["version"]! + 1, (long)(await fixture.Agent.GetDisputeAsync(id))["version"]!);
    }

    [Fact]
    public async Task fifty_duplicate_intakes_open_one_dispute()
    {
        var intake = ServiceApi.IntakeToday("acct-1001", "chat-duplicates-" + ServiceApi.NewChatSessionId());
        using var start = new SemaphoreSlim(0);
        var intakes = Enumerable.Range(0, 50).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await fixture.Agent.PostJsonAsync("/api/disputes", intake);
            var body = await response.Content.ReadAsStringAsync();
            return (Status: (int)response.StatusCode, Id: response.IsSuccessStatusCode ? JsonNode.Parse(body)!["disputeId"].Str() : body);
        }).ToList();
        start.Release(50);
        var answers = await Task.WhenAll(intakes);

        Assert.True(answers.Count(a => a.Status == 201) == 1, string.Join("; ", answers.Select(a => $"{a.Status} {a.Id}")));
        Assert.Equal(49, answers.Count(a => a.Status == 200));
        var id = Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Equal(1, await fixture.Stored.EventCountAsync(Guid.Parse(id), "dispute_opened"));
        Assert.Equal(1, await fixture.Stored.ScalarAsync<long>(
            $"select count(*) from disputes.mt_doc_dispute where data->>'chatSessionId' = '{intake["chatSessionId"].Str()}'"));
    }

    [Fact]
    public async Task mixed_work_in_parallel_leaves_read_models_equal_to_a_fresh_fold()
    {
        // Some disputes received long enough ago that their acknowledgment has breached: their breach timers fire
        // at once and race the agents' commands for the same versions.
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var ids = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            var intake = ServiceApi.IntakeToday("acct-1001");
            if (i % 4 == 0)
            {
                intake["noticeReceivedAt"] = (SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(40)).ToString();
                intake["transactionDate"] = today.PlusDays(-50).ToString("yyyy-MM-dd", null);
                intake["statementTransmittedOn"] = today.PlusDays(-45).ToString("yyyy-MM-dd", null);
            }

            ids.Add((await fixture.Agent.OpenDisputeAsync(intake))["disputeId"].Str());
        }

        var supervisor = await fixture.Service.ClientAsync("supervisor", "supervisor-1");
        var outcomes = new ConcurrentDictionary<string, int>();
        var unexpected = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                var id = ids[random.Next(ids.Count)];
                var current = (long)(await supervisor.GetDisputeAsync(id))["version"]!;
                var version = random.Next(10) == 0 ? current - 1 : current;
                var (step, body) = random.Next(12) switch
                {
                    0 or 1 => ("acknowledgment", new JsonObject()),
                    2 or 3 or 4 => ("notes", new JsonObject { ["text"] = $"Worker {w} looked at it." }),
                    5 or 6 => ("provisional-credits", new JsonObject { ["amount"] = 1.25m }),
                    7 => ("resolution", new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m }),
                    8 => ("resolution", new JsonObject { ["outcome"] = "no_error", ["explanation"] = "The charge matches the signed receipt." }),
                    9 => ("withdrawal", new JsonObject { ["reason"] = "The cardmember found the purchase." }),
                    10 => ("reopening", new JsonObject { ["reason"] = "The cardmember disputes the explanation." }),
                    _ => ("finance-charges", new JsonObject { ["amount"] = 0.75m }),
                };
                using var response = await supervisor.CommandAsync(id, step, version, body);
                outcomes.AddOrUpdate($"{step} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                // A denial is only proposed (202): it waits for a second supervisor.
                var proposed = step == "resolution" && response.StatusCode == HttpStatusCode.Accepted;
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict) && !proposed)
                {
                    unexpected.Enqueue($"{step} on {id} at {version}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        Assert.True(unexpected.IsEmpty, $"Answers other than 200 and 409:\n{string.Join('\n', unexpected.Take(10))}\n{fixture.Service.LogTail()}");
        Assert.True(outcomes.Where(o => o.Key.EndsWith(" 200", StringComparison.Ordinal)).Sum(o => o.Value) >= 20,
            $"Too little work was accepted to mean anything: {string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}"))}");

        // Let the last timers settle, then compare every stored read model with a fold of its stream.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var drift = await fixture.Stored.ProjectionDriftAsync();
        Assert.True(drift.Count == 0, $"Read models differ from a fresh fold of the events:\n{string.Join('\n', drift.Take(5))}");
        var tallyDrift = await fixture.Stored.ClockTallyDriftAsync(TimeSpan.FromSeconds(60));
        Assert.True(tallyDrift.Count == 0, $"The clock tally differs from a count over the clock rows:\n{string.Join('\n', tallyDrift)}");
        Assert.Empty(await fixture.Stored.HalfWrittenDisputesAsync());
    }
}
