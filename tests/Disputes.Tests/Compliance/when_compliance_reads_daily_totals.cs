using System.Net;
using System.Text.Json.Nodes;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Compliance;

/// <summary>The portfolio's day-by-day totals, kept by the asynchronous projection.</summary>
public sealed class when_compliance_reads_daily_totals(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Compliance => Service.ClientAs("compliance");

    [Fact]
    public async Task each_event_counts_once_on_the_utc_day_of_its_business_instant()
    {
        await Client.RegisterAccountAsync();
        var early = TestApi.Intake();
        early["noticeReceivedAt"] = "2025-03-01T23:30:00Z";
        await Client.OpenDisputeAsync(early);
        var acknowledged = await Client.OpenDisputeAsync();
        var resolved = await Client.OpenDisputeAsync();
        await Client.OpenDisputeAsync();
        Assert.True((await Client.CommandAsync(acknowledged, "acknowledgment")).IsSuccessStatusCode);
        Assert.True((await Client.CommandAsync(resolved, "resolution",
            new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m })).IsSuccessStatusCode);

        var totals = await CaughtUpAsync("/api/compliance/days?from=2025-03-01&to=2025-03-04");

        var days = totals["days"]!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.Equal(["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"], days.Select(d => d["date"].Str()));
        Assert.Equal([1, 0, 3, 0], days.Select(d => (int)d["noticesReceived"]!));
        Assert.Equal([0, 0, 1, 0], days.Select(d => (int)d["acknowledgmentsSent"]!));
        Assert.Equal([0, 0, 1, 0], days.Select(d => (int)d["resolvedCorrected"]!));
        Assert.All(days, d => Assert.Equal(0, (int)d["resolvedNoError"]!));
        Assert.Equal("ComplianceDay", totals["freshness"]!["projection"].Str());
    }

    [Fact]
    public async Task breaches_count_on_the_day_of_their_breach_instant()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        // A note in June records both breaches: the acknowledgment was due 2025-04-02 in New York, so it
        // breached at 2025-04-03T04:00Z.
        Clock.SetNow("2025-06-20T12:00:00Z");
        Assert.True((await Client.CommandAsync(dispute, "notes", new() { ["text"] = "audit" })).IsSuccessStatusCode);

        var totals = await CaughtUpAsync("/api/compliance/days?from=2025-04-01&to=2025-06-30");

        var days = totals["days"]!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.Equal(91, days.Count);
        var acknowledgmentBreaches = days.Where(d => (int)d["acknowledgmentBreaches"]! > 0).ToList();
        Assert.Equal("2025-04-03", Assert.Single(acknowledgmentBreaches)["date"].Str());
        Assert.Equal(1, days.Sum(d => (int)d["resolutionBreaches"]!));
    }

    [Fact]
    public async Task without_a_range_it_answers_the_30_days_up_to_today()
    {
        Clock.SetNow("2025-03-03T15:00:00Z");

        var response = await Compliance.GetAsync("/api/compliance/days");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var totals = await response.BodyAsync();
        Assert.Equal("2025-02-02", totals["from"].Str());
        Assert.Equal("2025-03-03", totals["to"].Str());
        Assert.Equal(30, totals["days"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("from=2025-03-05&to=2025-03-01", "from")]
    [InlineData("from=2024-01-01&to=2025-01-01", "to")]
    [InlineData("from=03/01/2025", "from")]
    [InlineData("to=2025-02-30", "to")]
    public async Task a_bad_range_is_refused_naming_the_field(string query, string field)
    {
        var response = await Compliance.GetAsync($"/api/compliance/days?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    /// <summary>Asks until the totals have caught up with every event written so far, as a dashboard would.</summary>
    private Task<JsonObject> CaughtUpAsync(string url) =>
        Eventually.UntilAsync(async () =>
            {
                var response = await Compliance.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                return await response.BodyAsync();
            },
            totals => (long)totals["freshness"]!["highWaterMark"]! > 0 && (long)totals["freshness"]!["eventsBehind"]! == 0,
            "the daily totals to catch up");
}
