using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using Xunit;

namespace Disputes.Reliability.Tests.HostileInput;

/// <summary>
/// One service process that the fuzzer runs against once (on first use); both tests of the class read that run:
/// the answers, and afterwards the logs and the database.
/// </summary>
public sealed class FuzzFixture : IAsyncLifetime
{
    /// <summary>How many requests the fuzzer sends.</summary>
    public const int Iterations = 500;

    private readonly Lazy<Task<FuzzRun>> run;
    private ServiceProcess? service;

    public FuzzFixture() => run = new Lazy<Task<FuzzRun>>(RunAsync);

    public ServiceProcess Service => service ?? throw new InvalidOperationException("Not started.");

    public StoredState Stored { get; private set; } = null!;

    /// <summary>The fuzz run, done once for the class.</summary>
    public Task<FuzzRun> Run => run.Value;

    /// <summary>Every failing request of the run, shrinking included, with why it failed.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_fuzz_{Guid.NewGuid():N}");
        Stored = new StoredState(connectionString);
        service = await ServiceProcess.StartAsync(connectionString,
            new Dictionary<string, string> { ["Disputes:RateLimits:IntakePerMinute"] = "100000" });
    }

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync();
        }

        await Stored.DisposeAsync();
    }

    private async Task<FuzzRun> RunAsync()
    {
        // A supervisor may call every write endpoint, reopening included.
        var client = await Service.ClientAsync("supervisor", "supervisor-fuzz");
        await client.RegisterAccountAsync("acct-fuzz", "America/New_York");
        var disputes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            disputes.Add((await client.OpenDisputeAsync(ServiceApi.IntakeToday("acct-fuzz")))["disputeId"].Str());
        }

        var failures = Failures;
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;
        var random = new Random(17);
        await HostileBodies.Request("acct-fuzz").SampleAsync(async request =>
        {
            Interlocked.Increment(ref sent);
            var disputeId = disputes[random.Next(disputes.Count)];
            var path = request.Path.Replace(HostileBodies.DisputeMarker, disputeId, StringComparison.Ordinal);
            var body = request.Body;
            if (body.Contains(HostileBodies.VersionMarker, StringComparison.Ordinal))
            {
                using var current = await client.GetAsync($"/api/disputes/{disputeId}");
                var version = current.IsSuccessStatusCode ? (long)JsonNode.Parse(await current.Content.ReadAsStringAsync())!["version"]! : 1;
                body = body.Replace(HostileBodies.VersionMarker, version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            var before = await Stored.RequestFootprintAsync();
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), path)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            // A fresh connection for each request: an answer sent before a refused body was read (413, 422) ends
            // its connection, and a client reusing it would see that, not this request's answer.
            message.Headers.ConnectionClose = true;
            if (request.CorrelationId is { } correlation)
            {
                message.Headers.TryAddWithoutValidation("X-Correlation-Id", correlation);
            }

            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            var answer = await response.Content.ReadAsStringAsync();
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var after = await Stored.RequestFootprintAsync();

            string? failure = null;
            if (status >= 500 || status < 200 || status is >= 300 and < 400)
            {
                failure = $"answered {status}";
            }
            else if (status >= 400 && !response.IsProblem())
            {
                failure = $"answered {status} without problem details ({response.Content.Headers.ContentType})";
            }
            else if (status >= 400 && after != before)
            {
                failure = $"answered {status} but stored {after.Events - before.Events} events and {after.Documents - before.Documents} documents";
            }
            else if (HostileBodies.Secrets.Keys.FirstOrDefault(secret => answer.Contains(secret, StringComparison.Ordinal)) is { } echoed)
            {
                failure = $"answered {status} echoing the secret '{echoed}'";
            }

            if (failure is not null)
            {
                failures.Enqueue($"{failure}: {answer[..Math.Min(answer.Length, 400)]}\n  {request}");
                // CsCheck shrinks a failing sample to the simplest one that still fails.
                throw new InvalidOperationException($"{failure}\n{request}");
            }
        }, iter: FuzzFixture.Iterations, threads: 1, seed: null);

        return new FuzzRun(sent, statuses.ToDictionary(), failures.ToList());
    }
}

/// <summary>What the fuzzer sent and saw.</summary>
public sealed record FuzzRun(int Sent, IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> Failures);

/// <summary>
/// Generated hostile bodies on every write endpoint: never a 5xx, every refusal a 4xx problem that stored nothing,
/// and no card number, SSN, security code or passcode the fuzzer sent is ever logged or stored.
/// </summary>
public sealed class when_input_is_hostile(FuzzFixture fixture) : IClassFixture<FuzzFixture>
{
    [Fact]
    public async Task every_answer_is_a_4xx_problem_or_a_success_and_refusals_store_nothing()
    {
        FuzzRun run;
        try
        {
            run = await fixture.Run;
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.Message}\n{e.InnerException}\n\nFailing requests (the last is the simplest):\n{string.Join("\n", fixture.Failures.Take(3).Concat(fixture.Failures.TakeLast(3)))}" +
                        $"\n\nService log tail:\n{fixture.Service.LogTail(40)}");
            throw;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Sent {run.Sent}: {string.Join(", ", run.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x {s.Value}"))}");
        Assert.Empty(run.Failures);
        Assert.True(run.Sent >= FuzzFixture.Iterations, $"Only {run.Sent} requests were sent.");
        Assert.True(run.Statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value) > run.Sent / 2,
            $"Most generated bodies should be refused: {string.Join(", ", run.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
    }

    [Fact]
    public async Task no_secret_it_sent_appears_in_the_logs_or_the_database()
    {
        try
        {
            await fixture.Run;
        }
        catch (Exception)
        {
            // The other test reports a failed run; whatever was sent is scanned all the same.
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // Let the last log lines through the pipe.
        var secrets = HostileBodies.Secrets.ToList();
        Assert.True(secrets.Count > 50, $"The fuzzer sent only {secrets.Count} secrets.");

        var logs = fixture.Service.Logs;
        var rows = await fixture.Stored.AllRowsAsync();
        var found = new List<string>();
        foreach (var (secret, kind) in secrets)
        {
            // Card numbers and SSNs are looked for as sent and as bare digits; codes and passcodes as sent (a bare
            // 4-to-8-digit number is everywhere in a log).
            // Digits of any script count as the ASCII digits they stand for; a secret whose digits were disguised
            // is also looked for as those digits, once there are enough of them to be the whole number.
            var bare = new string(secret.Where(char.IsDigit).Select(c => (char)('0' + (int)char.GetNumericValue(c))).ToArray());
            var forms = kind is HostileBodies.SecretKind.CardNumber or HostileBodies.SecretKind.SocialSecurityNumber && bare.Length >= 9
                ? new[] { secret, bare }
                : [secret];
            foreach (var form in forms.Distinct())
            {
                if (logs.Contains(form, StringComparison.OrdinalIgnoreCase))
                {
                    var at = logs.IndexOf(form, StringComparison.OrdinalIgnoreCase);
                    found.Add($"{kind} '{form}' in the service log: ...{logs[Math.Max(0, at - 300)..Math.Min(logs.Length, at + 100)]}...");
                }

                foreach (var (table, row) in rows.Where(r => r.Row.Contains(form, StringComparison.OrdinalIgnoreCase)).Take(1))
                {
                    found.Add($"{kind} '{form}' in {table}: {row[..Math.Min(row.Length, 400)]}");
                }
            }
        }

        Assert.True(found.Count == 0, $"{found.Count} secrets leaked:\n{string.Join("\n\n", found.Take(10))}");
    }
}
