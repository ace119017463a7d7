using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Disputes.Opening;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Clocks;

/// <summary>
/// The program's processing time zone (<c>Disputes:Clocks:ProcessingTimeZone</c>) on: a notice is timely when it is timely
/// in either zone, and every deadline takes the earlier reading. The worked example of docs/guarantees.md: an account in
/// New York closing on the 2nd, the issuer in Los Angeles, a notice received 2025-03-03T06:30Z (03-03 in New York, still
/// 03-02 in Los Angeles) about a statement transmitted 2025-01-01, whose last day to receive is 03-02.
/// </summary>
public sealed class when_the_issuer_processes_in_another_zone(when_the_issuer_processes_in_another_zone.LosAngelesFixture fixture)
    : IClassFixture<when_the_issuer_processes_in_another_zone.LosAngelesFixture>, IAsyncLifetime
{
    private DisputesHost Service => fixture.Host;

    public async ValueTask InitializeAsync()
    {
        await Service.ResetAsync();
        Service.Clock.SetNow("2025-03-03T15:00:00Z");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static JsonObject Intake()
    {
        var intake = TestApi.Intake();
        intake["transactionDate"] = "2024-12-20";
        intake["statementTransmittedOn"] = "2025-01-01";
        intake["noticeReceivedAt"] = "2025-03-03T06:30:00Z";
        return intake;
    }

    [Fact]
    public async Task a_notice_timely_only_in_the_processing_zone_is_protected_and_its_deadlines_take_the_earlier_reading()
    {
        await Service.Client.RegisterAccountAsync(closingDay: 2);

        var dispute = await Service.Client.OpenDisputeAsync(Intake());

        Assert.True((bool)dispute["fcbaProtected"]!);
        Assert.Equal(("2025-03-03", "America/Los_Angeles", "2025-03-02"),
            (dispute["receivedOn"].Str(), dispute["processingTimeZone"].Str(), dispute["receivedOnInProcessingZone"].Str()));
        var deadlines = dispute["deadlines"]!;
        Assert.Equal(("2025-03-02", true), (deadlines["filingWindow"]!["lastDay"].Str(), (bool)deadlines["filingWindow"]!["timely"]!));
        // New York alone: late, no clocks. Los Angeles' reading: acknowledgment 04-01, resolution C2 = 05-02.
        Assert.Equal(("2025-04-01", "2025-04-02T04:00:00Z"), (deadlines["acknowledgment"]!["dueOn"].Str(), deadlines["acknowledgment"]!["breachesAt"].Str()));
        Assert.Equal(("2025-05-02", "two_cycles"), (deadlines["resolution"]!["dueOn"].Str(), deadlines["resolution"]!["basis"].Str()));
        Assert.Equal("2025-05-03T04:00:00Z", deadlines["resolution"]!["breachesAt"].Str());
    }

    [Fact]
    public async Task a_calendar_change_keeps_the_earlier_reading()
    {
        await Service.Client.RegisterAccountAsync(closingDay: 2);
        var dispute = await Service.Client.OpenDisputeAsync(Intake());
        Service.Clock.SetNow("2025-03-20T15:00:00Z");

        var changed = new JsonObject { ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = 25 } };
        Assert.True((await Service.AndItsMessagesAsync(() => Service.Client.PutJsonAsync("/api/accounts/acct-1001", changed))).IsSuccessStatusCode);

        // Los Angeles' reading (03-02) closed 03-02, then 03-25 and 04-25; New York's would give 05-25.
        Assert.Equal("2025-04-25", (await Service.Client.GetDisputeAsync(dispute))["deadlines"]!["resolution"]!["dueOn"].Str());
    }

    [Fact]
    public async Task a_setting_that_names_no_time_zone_stops_the_service_from_starting()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DisputesHost.StartAsync(
            "Host=127.0.0.1;Database=never_opened", settings: new Dictionary<string, string?> { ["Disputes:Clocks:ProcessingTimeZone"] = "Pacific/Atlantis" }));

        Assert.Contains("Disputes:Clocks:ProcessingTimeZone", refused.Message);
        Assert.Contains("Pacific/Atlantis", refused.Message);
    }

    /// <summary>A host whose program processes in America/Los_Angeles.</summary>
    public sealed class LosAngelesFixture : IAsyncLifetime
    {
        private DisputesHost? host;

        public DisputesHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

        public async ValueTask InitializeAsync()
        {
            var server = await PostgresServer.SharedAsync();
            var connectionString = await server.CreateDatabaseAsync($"disputes_{Guid.NewGuid():N}");
            host = await DisputesHost.StartAsync(connectionString, settings: new Dictionary<string, string?>
            {
                ["Disputes:Clocks:ProcessingTimeZone"] = "America/Los_Angeles",
            });
        }

        public async ValueTask DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
