namespace Disputes.Bench.Scenarios;

/// <summary>One benchmark scenario: runs against a fresh database and measures itself against its baseline.</summary>
public interface IScenario
{
    /// <summary>The scenario's name on the command line and of its JSON file.</summary>
    string Name { get; }

    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation);
}
