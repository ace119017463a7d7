using Disputes.Bench.Infrastructure;

namespace Disputes.Bench.Scenarios;

/// <summary>What a scenario runs with.</summary>
/// <param name="ConnectionString">A fresh, empty database of its own.</param>
/// <param name="Scale">How big.</param>
/// <param name="Clients">Concurrent clients or writers.</param>
/// <param name="Progress">Where progress lines go.</param>
public sealed record ScenarioContext(string ConnectionString, BenchScale Scale, int Clients, ProgressLog Progress);
