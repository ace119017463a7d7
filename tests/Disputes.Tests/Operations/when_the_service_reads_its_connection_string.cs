using Disputes.Api.Hosting;
using Npgsql;
using Xunit;

namespace Disputes.Tests.Operations;

/// <summary>
/// The service's defaults for what a connection string leaves out: timeouts that fail a request rather than hold it,
/// and prepared statements. Whatever the operator's string names stays as it is.
/// </summary>
public sealed class when_the_service_reads_its_connection_string
{
    [Fact]
    public void a_string_that_names_none_gets_the_timeouts_and_prepared_statements()
    {
        var settings = new NpgsqlConnectionStringBuilder(DisputesStore.WithDefaults("Host=db1;Database=disputes;Username=disputes"));

        Assert.Equal(DisputesStore.DefaultConnectTimeoutSeconds, settings.Timeout);
        Assert.Equal(DisputesStore.DefaultCommandTimeoutSeconds, settings.CommandTimeout);
        Assert.Equal(DisputesStore.DefaultMaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(settings.MaxAutoPrepare > 0);
    }

    [Fact]
    public void what_the_operator_names_is_kept_even_when_it_turns_preparing_off()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            DisputesStore.WithDefaults("Host=db1;Database=disputes;Timeout=7;CommandTimeout=20;Max Auto Prepare=0"));

        Assert.Equal(7, settings.Timeout);
        Assert.Equal(20, settings.CommandTimeout);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }
}
