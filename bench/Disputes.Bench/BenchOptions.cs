using System.Globalization;

namespace Disputes.Bench;

/// <summary>The command line of the benchmark program.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: Disputes.Bench <intake|lag|append|query|timers|rebuild|screening|webhooks|notices|all>[,more] [--scale tiny|small|full] " +
        "[--connection \"<connection string>\"] [--clients 16] [--results <dir>] [--database-prefix bench] [--keep-databases] [--in-process]";

    /// <summary>Scenarios in the order <c>all</c> runs them.</summary>
    public static readonly IReadOnlyList<string> AllScenarios = ["intake", "lag", "append", "query", "timers", "rebuild", "screening", "webhooks", "notices"];

    /// <summary>The scenarios to run, in order.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    /// <summary>How big each scenario is.</summary>
    public BenchScale Scale { get; init; } = BenchScale.Small;

    /// <summary>A server to use instead of a throwaway local cluster; each scenario gets a database of its own on it.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Concurrent HTTP clients (and concurrent writers where a scenario has several).</summary>
    public int Clients { get; init; } = 16;

    /// <summary>Where <c>&lt;scenario&gt;.json</c> files go; default <c>bench/results</c> of the repository.</summary>
    public string? ResultsDirectory { get; init; }

    /// <summary>Prefix of the per-scenario databases (<c>{prefix}_{scenario}</c>).</summary>
    public string DatabasePrefix { get; init; } = "bench";

    /// <summary>Keep the per-scenario databases after the run (default: dropped).</summary>
    public bool KeepDatabases { get; init; }

    /// <summary>
    /// Run every scenario in this process, one after another, even when several are named. By default each scenario of
    /// a run of several gets a process of its own (<see cref="Infrastructure.ScenarioProcess"/>).
    /// </summary>
    public bool InProcess { get; init; }

    /// <summary>Whether the scenarios run in processes of their own: several of them, and not <see cref="InProcess"/>.</summary>
    public bool ProcessPerScenario => Scenarios.Count > 1 && !InProcess;

    /// <summary>What the server of <see cref="ConnectionString"/> is, when the parent of a scenario's process knows it.</summary>
    public string? ServerDescription { get; init; }

    public static bool TryParse(IReadOnlyList<string> args, out BenchOptions options, out string problem)
    {
        options = new BenchOptions();
        problem = "";
        if (args.Count == 0)
        {
            problem = "Name a scenario or 'all'.";
            return false;
        }

        var scenarios = args[0] == "all"
            ? AllScenarios
            : args[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scenarios.FirstOrDefault(s => !AllScenarios.Contains(s)) is { } unknown)
        {
            problem = $"Unknown scenario '{unknown}'.";
            return false;
        }

        options = options with { Scenarios = scenarios };
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--keep-databases")
            {
                options = options with { KeepDatabases = true };
                continue;
            }

            if (name == "--in-process")
            {
                options = options with { InProcess = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                problem = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            switch (name)
            {
                case "--scale" when BenchScale.Named(value) is { } scale:
                    options = options with { Scale = scale };
                    break;
                case "--connection":
                    options = options with { ConnectionString = value };
                    break;
                case "--server-description":
                    options = options with { ServerDescription = value };
                    break;
                case "--clients" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var clients) && clients is > 0 and <= 512:
                    options = options with { Clients = clients };
                    break;
                case "--results":
                    options = options with { ResultsDirectory = value };
                    break;
                case "--database-prefix" when value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && value.Length is > 0 and <= 40 && !char.IsAsciiDigit(value[0]):
                    options = options with { DatabasePrefix = value.ToLowerInvariant() };
                    break;
                default:
                    problem = $"Bad option {name} {value}.";
                    return false;
            }
        }

        return true;
    }
}
