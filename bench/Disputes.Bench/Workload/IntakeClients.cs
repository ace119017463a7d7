using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Disputes.Bench.Infrastructure;

namespace Disputes.Bench.Workload;

/// <summary>
/// Intake's load clients in a process of their own (<c>Disputes.Bench intake-clients ADDRESS CLIENTS ACCOUNTS</c>, the
/// token in the environment), so the CPU and memory the bench process measures are the service's, not the clients'. The
/// parent drives it one run at a time over standard input and reads each run's outcome back from a line of standard
/// output; the process ends when its standard input closes. Used by <c>intake</c>, by the background load of <c>lag</c> and by the
/// rounds of <c>webhooks</c>.
/// </summary>
public sealed class IntakeClients : IAsyncDisposable
{
    /// <summary>The command word that runs this process as the load clients.</summary>
    public const string Command = "intake-clients";

    private const string ResultPrefix = "result ";
    private const string TokenVariable = "DISPUTES_BENCH_TOKEN";
    private const string ReportAnsweredVariable = "DISPUTES_BENCH_REPORT_ANSWERED";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly Action<string> _progress;

    private IntakeClients(Process process, Action<string> progress)
    {
        _process = process;
        _progress = progress;
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>What the clients did in one run, and what it cost their own process.</summary>
    /// <param name="Opened">Disputes answered 201.</param>
    /// <param name="Errors">Requests answered otherwise, or failed.</param>
    /// <param name="ElapsedSeconds">Wall time of the run.</param>
    /// <param name="LatenciesMs">Each successful request's latency, in milliseconds.</param>
    /// <param name="Answered">When each dispute's 201 arrived, when the clients were started to report it; otherwise empty.</param>
    /// <param name="ErrorKinds">Error kinds seen since the process started.</param>
    /// <param name="ClientCpu">The clients' process's CPU over the run.</param>
    public sealed record Run(long Opened, long Errors, double ElapsedSeconds, double[] LatenciesMs, Answer[] Answered, Dictionary<string, int> ErrorKinds,
        CpuFigures ClientCpu)
    {
        /// <summary>Disputes opened per second.</summary>
        public double PerSecond => Opened / ElapsedSeconds;

        private LatencySummary? _latency;

        /// <summary>The run's latencies summarized.</summary>
        public LatencySummary Latency => _latency ??= LatencySummary.Of(LatenciesMs);

        /// <summary>The run as <see cref="IntakeLoad"/> reports one in process.</summary>
        public LoadOutcome ToOutcome() => new(Opened, Errors, TimeSpan.FromSeconds(ElapsedSeconds), Latency);
    }

    /// <summary>A dispute's 201 answer.</summary>
    /// <param name="DisputeId">The dispute opened.</param>
    /// <param name="At">
    /// <see cref="Stopwatch.GetTimestamp"/> in the clients' process when the answer arrived; on Linux that is the system's
    /// monotonic clock, the same in every process of the machine, so the parent can subtract it from its own timestamps.
    /// </param>
    public sealed record Answer(Guid DisputeId, long At);

    /// <summary>
    /// Starts the clients' process against <paramref name="address"/>: <paramref name="clients"/> clients over the first
    /// <paramref name="accounts"/> bench accounts, each run's 201 answers reported when <paramref name="reportAnswered"/>.
    /// </summary>
    public static IntakeClients Start(Uri address, string? token, int clients, int accounts, bool reportAnswered, Action<string> progress)
    {
        var start = BenchProcess.StartInfo([Command, address.ToString(), Invariant(clients), Invariant(accounts)]);
        start.RedirectStandardInput = true;
        start.Environment[TokenVariable] = token ?? "";
        start.Environment[ReportAnsweredVariable] = reportAnswered ? "1" : "";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The load clients' process did not start.");
        return new IntakeClients(process, progress);
    }

    /// <summary>
    /// Runs the clients for <paramref name="duration"/>, each sending its next intake when the last answered;
    /// <paramref name="ended"/> is called as the run's outcome arrives, before it is read.
    /// </summary>
    public Task<Run> RunAsync(TimeSpan duration, CancellationToken cancellation, Action? ended = null) =>
        SendAsync($"run {Invariant(duration.TotalSeconds)}", ended, cancellation);

    /// <summary>Sends intakes at <paramref name="perSecond"/> for <paramref name="duration"/>, as <see cref="IntakeLoad.RunPacedAsync"/>.</summary>
    public Task<Run> RunPacedAsync(double perSecond, TimeSpan duration, CancellationToken cancellation, Action? ended = null) =>
        SendAsync($"paced {Invariant(perSecond)} {Invariant(duration.TotalSeconds)}", ended, cancellation);

    private async Task<Run> SendAsync(string command, Action? ended, CancellationToken cancellation)
    {
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellation);
        await _process.StandardInput.FlushAsync(cancellation);
        while (await _process.StandardOutput.ReadLineAsync(cancellation) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                ended?.Invoke();
                return JsonSerializer.Deserialize<Run>(line.AsSpan(ResultPrefix.Length), Json)
                    ?? throw new InvalidOperationException("The load clients' process wrote an empty result.");
            }

            _progress(line);
        }

        await _process.WaitForExitAsync(cancellation);
        throw new InvalidOperationException($"The load clients' process ended ({_process.ExitCode}) without a result: {await _errors}");
    }

    public async ValueTask DisposeAsync()
    {
        await BenchProcess.EndAsync(_process);
    }

    /// <summary>The clients' process: <c>intake-clients ADDRESS CLIENTS ACCOUNTS</c>, then one run per line of standard input.</summary>
    public static async Task<int> MainAsync(string[] args, CancellationToken cancellation)
    {
        var address = new Uri(args[1]);
        var clients = int.Parse(args[2], CultureInfo.InvariantCulture);
        var accounts = int.Parse(args[3], CultureInfo.InvariantCulture);
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

        var answered = new List<Answer>();
        var load = new IntakeLoad(client, new IntakeRequests(BenchAccounts.Create(accounts)))
        {
            OnOpened = Environment.GetEnvironmentVariable(ReportAnsweredVariable) is "1"
                ? id =>
                {
                    var at = Stopwatch.GetTimestamp();
                    lock (answered)
                    {
                        answered.Add(new Answer(id, at));
                    }
                }
            : null,
        };
        while (await Console.In.ReadLineAsync(cancellation) is { } command)
        {
            var words = command.Split(' ');
            answered.Clear();
            var latencies = new LatencyRecorder();
            var meter = CpuMeter.Start();
            LoadOutcome outcome;
            await using (new Timer(_ => Console.WriteLine($"{load.Opened} disputes opened, {load.Errors} errors"), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)))
            {
                outcome = words switch
                {
                    ["run", var seconds] => await load.RunAsync(clients, Seconds(seconds), cancellation, latencies),
                    ["paced", var rate, var seconds] => await load.RunPacedAsync(double.Parse(rate, CultureInfo.InvariantCulture), clients, Seconds(seconds),
                        cancellation, latencies),
                    _ => throw new ArgumentException($"'{command}' is not a run the load clients know (run SECONDS, paced PER_SECOND SECONDS)."),
                };
            }

            var cpu = meter.Stop();
            Answer[] answers;
            lock (answered)
            {
                answers = [.. answered];
            }

            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(
                new Run(outcome.Opened, outcome.Errors, outcome.Elapsed.TotalSeconds, latencies.Values(), answers, new Dictionary<string, int>(load.ErrorKinds), cpu),
                Json));
        }

        return 0;
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
