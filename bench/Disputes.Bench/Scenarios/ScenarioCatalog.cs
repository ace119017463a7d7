namespace Disputes.Bench.Scenarios;

/// <summary>The scenarios by name.</summary>
public static class ScenarioCatalog
{
    public static IScenario Create(string name) => name switch
    {
        "intake" => new IntakeScenario(),
        "lag" => new LagScenario(),
        "append" => new AppendScenario(),
        "query" => new QueryScenario(),
        "timers" => new TimersScenario(),
        "rebuild" => new RebuildScenario(),
        "screening" => new ScreeningScenario(),
        "webhooks" => new WebhooksScenario(),
        "notices" => new NoticesScenario(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown scenario."),
    };
}
