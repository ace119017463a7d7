namespace Disputes.Bench;

/// <summary>How big every scenario is at one scale.</summary>
/// <param name="Name">tiny, small or full.</param>
/// <param name="Accounts">Accounts registered for <c>intake</c> and <c>lag</c> (through the API, before measuring).</param>
/// <param name="IntakeWarmup">
/// Load before <c>intake</c> and <c>lag</c> measure, not counted. Long enough for the JIT to finish tiering the hot
/// path: after a 3 s warm-up a `perf` profile of <c>intake</c> had 1.5% of its CPU samples in fully optimized code
/// and 28% in Dynamic PGO's instrumented and quick-jitted tiers, and the service's CPU per dispute was twice what
/// it was once tiering had settled.
/// </param>
/// <param name="IntakeDuration">How long <c>intake</c> measures.</param>
/// <param name="LagDuration">How long <c>lag</c> runs the intake load and probes.</param>
/// <param name="AppendSingleDisputes">Disputes appended one per transaction in <c>append</c>.</param>
/// <param name="AppendBatchedDisputes">Disputes appended in batches in <c>append</c>.</param>
/// <param name="AppendBatchSize">Disputes per transaction in the batched modes.</param>
/// <param name="QueryDisputes">Disputes seeded for <c>query</c>.</param>
/// <param name="QueryIterations">Measured runs per query shape (fewer when <paramref name="QueryBudget"/> runs out).</param>
/// <param name="QueryBudget">Time budget per query shape and path.</param>
/// <param name="Timers">Breach timers due in the same minute in <c>timers</c>.</param>
/// <param name="TimerLead">Least time between the end of scheduling and the due instant.</param>
/// <param name="TimerWait">How long after the due instant to wait for every breach before counting what is still pending.</param>
/// <param name="RebuildEvents">Events seeded for <c>rebuild</c> (about).</param>
/// <param name="ScreeningFields">64 KiB fields screened per measure in <c>screening</c>.</param>
/// <param name="WebhookEvents">Events in the delivery burst of <c>webhooks</c> (half disputes opened, half holds placed).</param>
/// <param name="NoticeCommands">Acknowledgments (each with its letter) and notes measured in <c>notices</c>, each.</param>
public sealed record BenchScale(
    string Name,
    int Accounts,
    TimeSpan IntakeWarmup,
    TimeSpan IntakeDuration,
    TimeSpan LagDuration,
    int AppendSingleDisputes,
    int AppendBatchedDisputes,
    int AppendBatchSize,
    int QueryDisputes,
    int QueryIterations,
    TimeSpan QueryBudget,
    int Timers,
    TimeSpan TimerLead,
    TimeSpan TimerWait,
    int RebuildEvents,
    int ScreeningFields,
    int WebhookEvents,
    int NoticeCommands)
{
    /// <summary>A few seconds per scenario: keeps the harness working in the test suite; its figures mean nothing.</summary>
    public static readonly BenchScale Tiny = new("tiny", 8, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2),
        100, 500, 250, 2_000, 5, TimeSpan.FromSeconds(1), 200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(20), 5_000, 50, 400, 10);

    /// <summary>The published figures: <c>all</c> in under 10 minutes on 2 cores.</summary>
    public static readonly BenchScale Small = new("small", 64, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15),
        2_000, 10_000, 500, 100_000, 30, TimeSpan.FromSeconds(2), 10_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), 100_000, 2_000, 10_000, 300);

    /// <summary>Portfolio scale: a million disputes, a hundred thousand timers, a million events.</summary>
    public static readonly BenchScale Full = new("full", 256, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60),
        10_000, 200_000, 500, 1_000_000, 50, TimeSpan.FromSeconds(20), 100_000, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 1_000_000, 10_000, 100_000, 1_000);

    public static BenchScale? Named(string name) => name switch
    {
        "tiny" => Tiny,
        "small" => Small,
        "full" => Full,
        _ => null,
    };
}
