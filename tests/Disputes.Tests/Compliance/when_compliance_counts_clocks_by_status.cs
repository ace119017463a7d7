using System.Net;
using System.Text.Json.Nodes;
using Disputes.Projections.Compliance;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Disputes.Tests.Compliance;

/// <summary>
/// The summary's figures come from the asynchronous clock tally: its counts per clock and status, its exposure and its
/// windows (due soon, breached in a period) must be exactly what counting every clock row would give.
/// </summary>
public sealed class when_compliance_counts_clocks_by_status(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Compliance => Service.ClientAs("compliance");

    [Fact]
    public async Task the_tally_equals_a_count_of_every_clock_row_after_disputes_are_worked_every_way()
    {
        await WorkDisputesEveryWayAsync();

        var summary = await CaughtUpSummaryAsync();

        var expected = await CountedFromClockRowsAsync();
        Assert.Equal(expected.Counts, Counts(summary));
        Assert.Equal(expected.Exposure, (decimal)summary["totalForfeitureExposure"]!);
        Assert.Contains(expected.Counts, c => c.StartsWith("acknowledgment/breached=", StringComparison.Ordinal));
        Assert.Contains(expected.Counts, c => c.StartsWith("resolution/stopped=", StringComparison.Ordinal));
        Assert.Contains(expected.Counts, c => c.StartsWith("acknowledgment/metbyresolution=", StringComparison.Ordinal));
        Assert.Equal("ClockTally", summary["freshness"]!["projection"].Str());
        await AssertTheWindowsAgreeWithTheClockRowsAsync();
    }

    [Fact]
    public async Task a_rebuild_from_the_event_log_gives_the_same_tally()
    {
        await WorkDisputesEveryWayAsync();
        var before = await CaughtUpSummaryAsync();

        // The service's own daemon is paused so that only the rebuild applies the events.
        var coordinator = Service.App.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        await coordinator.PauseAsync();
        try
        {
            using var daemon = await Service.Store.BuildProjectionDaemonAsync();
            await daemon.RebuildProjectionAsync(ClockTallyProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);
            await daemon.StopAllAsync();
        }
        finally
        {
            await coordinator.ResumeAsync();
        }

        var after = await CaughtUpSummaryAsync();
        var expected = await CountedFromClockRowsAsync();
        Assert.Equal(expected.Counts, Counts(after));
        Assert.Equal(Counts(before), Counts(after));
        Assert.Equal(expected.Exposure, (decimal)after["totalForfeitureExposure"]!);
        await AssertTheWindowsAgreeWithTheClockRowsAsync();
    }

    // Filed too late (its clocks do not apply); acknowledged; resolved (the acknowledgment met by resolution); resolved then reopened; withdrawn; given finance
    // charges; a resolution deadline recomputed by a billing-cycle change; and left
    // until the clocks still running breach (recorded as the next step on each dispute is).
    private async Task WorkDisputesEveryWayAsync()
    {
        await Client.RegisterAccountAsync();
        var late = TestApi.Intake();
        late["transactionDate"] = "2024-11-20";
        late["statementTransmittedOn"] = "2024-12-01";
        Assert.Equal("not_applicable", (await Client.OpenDisputeAsync(late))["deadlines"]!["acknowledgment"]!["status"].Str());
        var acknowledged = await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
        await Client.StepAsync(await Client.OpenDisputeAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 10m });
        var reopened = await Client.StepAsync(await Client.OpenDisputeAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 10m });
        await Service.ClientAs("supervisor").StepAsync(reopened, "reopening", new() { ["reason"] = "Cardmember says the charge came back" });
        await Client.StepAsync(await Client.OpenDisputeAsync(), "withdrawal", new() { ["reason"] = "Found the purchase" });
        var charged = await Client.StepAsync(await Client.OpenDisputeAsync(), "finance-charges", new() { ["amount"] = 3m });
        var noted = await Client.OpenDisputeAsync();
        var alone = await Client.OpenDisputeAsync();
        var recomputed = await Service.AndItsMessagesAsync(() => Client.PutJsonAsync("/api/accounts/acct-1001",
            new JsonObject { ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = 5 } }));
        Assert.True(recomputed.IsSuccessStatusCode, await recomputed.Content.ReadAsStringAsync());

        Clock.SetNow("2025-06-20T12:00:00Z");
        foreach (var dispute in new[] { noted, charged, acknowledged, alone })
        {
            var current = await Client.GetDisputeAsync(dispute);
            Assert.True((await Client.CommandAsync(current, "notes", new() { ["text"] = "audit" })).IsSuccessStatusCode);
        }

        Assert.Equal(7, await Service.ScalarAsync<long>("select count(*) from disputes.mt_doc_clockrow where status = 'Breached'"));
    }

    // Every window between two of 16 week boundaries from April 2025, over the breaches and pending deadlines of the
    // disputes worked.
    private async Task AssertTheWindowsAgreeWithTheClockRowsAsync()
    {
        await using var session = Service.Store.QuerySession();
        var days = Enumerable.Range(0, 16).Select(week => Instant.FromUtc(2025, 4, 1, 0, 0) + Duration.FromDays(7 * week)).ToList();
        var breachedDisputes = 0L;
        foreach (var from in days)
        {
            foreach (var to in days.Where(to => to > from))
            {
                var query = new ComplianceSummaryQuery(from, to - from, from, to);
                var tally = await query.RunAsync(session, CancellationToken.None);
                var counted = await query.RunOverEveryClockRowAsync(session, CancellationToken.None);
                Assert.True(
                    (counted.DisputesDueSoon, counted.BreachedClocks, counted.BreachedDisputes) == (tally.DisputesDueSoon, tally.BreachedClocks, tally.BreachedDisputes),
                    $"[{from}, {to}): the tally gives {(tally.DisputesDueSoon, tally.BreachedClocks, tally.BreachedDisputes)} (due soon, breached clocks, breached disputes), the clock rows {(counted.DisputesDueSoon, counted.BreachedClocks, counted.BreachedDisputes)}");
                breachedDisputes = Math.Max(breachedDisputes, tally.BreachedDisputes);
            }
        }

        Assert.True(breachedDisputes > 0, "no window holds a breach");
    }

    private Task<JsonObject> CaughtUpSummaryAsync() =>
        Eventually.UntilAsync(async () =>
            {
                var response = await Compliance.GetAsync("/api/compliance/summary");
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                return await response.BodyAsync();
            },
            summary => (long)summary["freshness"]!["highWaterMark"]! > 0 && (long)summary["freshness"]!["eventsBehind"]! == 0,
            "the clock tally to catch up");

    private async Task<(IReadOnlyList<string> Counts, decimal Exposure)> CountedFromClockRowsAsync()
    {
        await using var session = Service.Store.QuerySession();
        var counts = await ComplianceSummaryQuery.CountClocksAsync(session, CancellationToken.None);
        var exposure = await ComplianceSummaryQuery.SumExposureAsync(session, CancellationToken.None);
        return (counts.Select(c => $"{c.Clock}/{c.Status}={c.Count}".ToLowerInvariant()).Order().ToList(), exposure);
    }

    private static IReadOnlyList<string> Counts(JsonObject summary) =>
        summary["counts"]!.AsArray().Select(c => $"{c!["clock"].Str()}/{c["status"].Str().Replace("_", "", StringComparison.Ordinal)}={(long)c["count"]!}").Order().ToList();
}
