using System.Net;
using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Agents;

/// <summary><c>GET /api/disputes</c>, the work queue the agent console shows: open disputes, nearest breach first.</summary>
public sealed class when_an_agent_reads_the_work_queue(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject early = null!;
    private JsonObject later = null!;
    private JsonObject acknowledged = null!;
    private JsonObject withdrawn = null!;

    /// <summary>
    /// Received 2025-02-20 (acknowledgment breaches first), 2025-03-03, 2025-03-01 but acknowledged (only its
    /// resolution clock runs), and one withdrawn.
    /// </summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        later = await Service.OpenDisputeAsync("acct-1001", "Later Store", 10m, "2025-03-03T15:00:00Z");
        early = await Service.OpenDisputeAsync("acct-1001", "Early Store", 20m, "2025-02-20T15:00:00Z");
        acknowledged = await Service.OpenDisputeAsync("acct-1001", "Acknowledged Store", 30m, "2025-03-01T15:00:00Z");
        withdrawn = await Service.OpenDisputeAsync("acct-1001", "Withdrawn Store", 40m, "2025-02-25T15:00:00Z");
        await Service.CommandAsync(acknowledged, "acknowledgment");
        await Service.CommandAsync(withdrawn, "withdrawal");
    }

    private static List<string> Cases(JsonNode page) => [.. page["items"]!.AsArray().Select(i => (string)i!["caseNumber"]!)];

    [Fact]
    public async Task open_disputes_come_nearest_breach_first_and_closed_ones_are_left_out()
    {
        using var api = Service.ClientAs("agent", "agent-7");
        var page = JsonNode.Parse(await api.GetStringAsync("api/disputes"))!;

        Assert.Equal(3, (int)page["total"]!);
        Assert.Equal([(string)early["caseNumber"]!, (string)later["caseNumber"]!, (string)acknowledged["caseNumber"]!], Cases(page));
        var first = page["items"]![0]!;
        Assert.Equal("acknowledgment", (string)first["nextClock"]!);
        Assert.Equal("2025-03-22", (string)first["nextDueOn"]!);
        Assert.Equal("resolution", (string)page["items"]![2]!["nextClock"]!);

        var closed = JsonNode.Parse(await api.GetStringAsync("api/disputes?status=withdrawn"))!;
        Assert.Equal([(string)withdrawn["caseNumber"]!], Cases(closed));

        var refused = await api.GetAsync("api/disputes?status=closed");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("status", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key));

        using var cardmember = Service.ClientAs("cardmember", "cardmember-1", "acct-1001");
        Assert.Equal(HttpStatusCode.Forbidden, (await cardmember.GetAsync("api/disputes")).StatusCode);
    }

    [Fact]
    public async Task the_console_lists_them_in_that_order()
    {
        var browser = await SignInAsync("agent", "agent-7");
        await Expect(browser.Locator("#queue-table tbody th a")).ToHaveTextAsync(
            [(string)early["caseNumber"]!, (string)later["caseNumber"]!, (string)acknowledged["caseNumber"]!]);
        await Expect(browser.Locator("#queue-summary")).ToHaveTextAsync("3 open disputes, the one breaching first on top.");
        var row = browser.Locator($"#queue-table tr[data-case='{early["caseNumber"]}']");
        await Expect(row).ToContainTextAsync("Acknowledgment due");
        await Expect(row).ToContainTextAsync("Mar 22, 2025");
    }
}
