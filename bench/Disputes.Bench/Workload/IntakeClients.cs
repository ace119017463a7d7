using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Disputes.Bench.Infrastructure;

namespace Disputes.Bench.Workload;

/// <summary>
/// The intake scenario's load clients in a process of their own (<c>Disputes.Bench intake-clients ...</c>), so the CPU and
/// memory the bench process measures are the service's alone. The parent passes the service's address and the agent's
/// token, waits for the line <see cref="Measuring"/> (the warm-up is over), and reads the outcome from the last line.
/// </summary>
public static class IntakeClients
{
    /// <summary>The command word that runs this process as the load clients.</summary>
    public const string Command = "intake-clients";

    /// <summary>The line printed when the warm-up ends and the measured run begins.</summary>
    public const string Measuring = "measuring";

    private const string ResultPrefix = "result ";
    private const string TokenVariable = "DISPUTES_BENCH_TOKEN";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What the clients did in the measured run, and what they cost their own process.</summary>
    public sealed record Outcome(long Opened, long Errors, double ElapsedSeconds, LatencySummary Latency, Dictionary<string, int> ErrorKinds, CpuFigures ClientCpu)
    {
        /// <summary>Disputes opened per second.</summary>
        public double PerSecond => Opened / ElapsedSeconds;
    }

    /// <summary>
    /// Starts the clients' process against <paramref name="address"/>, runs <paramref name="onMeasuring"/> when its warm-up
    /// is over and <paramref name="onMeasured"/> when it ends, and returns its outcome.
    /// </summary>
    public static async Task<Outcome> RunAsync(Uri address, string? token, int clients, int accounts, TimeSpan warmup, TimeSpan duration,
        Action onMeasuring, Action onMeasured, Action<string> progress, CancellationToken cancellation)
    {
        var start = BenchProcess.StartInfo(
            [Command, address.ToString(), Invariant(clients), Invariant(accounts), Invariant(warmup.TotalSeconds), Invariant(duration.TotalSeconds)]);

        start.Environment[TokenVariable] = token ?? "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The load clients' process did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        Outcome? outcome = null;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellation) is { } line)
            {
                if (line == Measuring)
                {
                    onMeasuring();
                }
                else if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    onMeasured();
                    outcome = JsonSerializer.Deserialize<Outcome>(line[ResultPrefix.Length..], Json);
                }
                else
                {
                    progress(line);
                }
            }

            await process.WaitForExitAsync(cancellation);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return outcome ?? throw new InvalidOperationException($"The load clients' process ended ({process.ExitCode}) without a result: {await errors}");
    }

    /// <summary>The clients' process: <c>intake-clients ADDRESS CLIENTS ACCOUNTS WARMUP_S DURATION_S</c>, the token in the environment.</summary>
    public static async Task<int> MainAsync(string[] args, CancellationToken cancellation)
    {
        var address = new Uri(args[1]);
        var clients = int.Parse(args[2], CultureInfo.InvariantCulture);
        var accounts = int.Parse(args[3], CultureInfo.InvariantCulture);
        var warmup = TimeSpan.FromSeconds(double.Parse(args[4], CultureInfo.InvariantCulture));
        var duration = TimeSpan.FromSeconds(double.Parse(args[5], CultureInfo.InvariantCulture));
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, clients),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var load = new IntakeLoad(client, new IntakeRequests(BenchAccounts.Create(accounts)));
        await load.RunAsync(clients, warmup, cancellation);
        Console.WriteLine(Measuring);
        var meter = CpuMeter.Start();
        using var ticker = new Timer(_ => Console.WriteLine($"{load.Opened} disputes opened, {load.Errors} errors"), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        var outcome = await load.RunAsync(clients, duration, cancellation);
        var cpu = meter.Stop();
        await ticker.DisposeAsync();
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(
            new Outcome(outcome.Opened, outcome.Errors, outcome.Elapsed.TotalSeconds, outcome.Latency, new Dictionary<string, int>(load.ErrorKinds), cpu), Json));
        return 0;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
