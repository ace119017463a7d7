using Disputes.Testing;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestPipelineStartup(typeof(Disputes.Tests.Infrastructure.SharedPostgresLifetime))]

namespace Disputes.Tests.Infrastructure;

/// <summary>Stops the shared PostgreSQL server once every test of the assembly has run (<see cref="PostgresServer.StopSharedAsync"/>).</summary>
public sealed class SharedPostgresLifetime : ITestPipelineStartup
{
    public ValueTask StartAsync(IMessageSink diagnosticMessageSink) => ValueTask.CompletedTask;

    public ValueTask StopAsync() => PostgresServer.StopSharedAsync();
}
