using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Compliance;

public sealed class when_compliance_audits_the_deadlines(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject breached = null!;
    private JsonObject onTime = null!;

    private string BreachedCase => (string)breached["caseNumber"]!;

    /// <summary>
    /// Two disputes received on 2025-03-03 (acknowledgment due 2025-04-02, resolution 2025-05-15); one is acknowledged
    /// in time. On 2025-04-20 an agent adds a note to the other, which first records its missed acknowledgment.
    /// </summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        breached = await Service.OpenDisputeAsync("acct-1001", "XYZ Store", 127.43m);
        onTime = await Service.OpenDisputeAsync("acct-1001", "Corner Cafe", 14.50m);
        Service.Clock.SetNow("2025-03-10T15:00:00Z");
        await Service.CommandAsync(onTime, "acknowledgment");
        Service.Clock.SetNow("2025-04-20T12:00:00Z");
        await Service.CommandAsync(breached, "notes", new JsonObject { ["text"] = "Waiting on the merchant." });
    }

    [Fact]
    public async Task the_dashboard_lists_the_disputes_whose_calendar_cannot_tell_their_deadline()
    {
        using (var agent = Service.ClientAs("agent", "agent-7"))
        {
            var account = await agent.PutAsJsonAsync("api/accounts/acct-short",
                new { timeZone = "America/New_York", billingCycle = new { closingDates = new[] { "2025-02-15", "2025-03-15", "2025-04-14" } } });
            Assert.True(account.IsSuccessStatusCode, await account.Content.ReadAsStringAsync());
        }

        var shortCalendar = await Service.OpenDisputeAsync("acct-short", "Short Calendar Shop", 20m);
        var page = await SignInAsync("compliance", "compliance-1");

        var row = page.Locator($"#attention-table tr[data-case=\"{shortCalendar["caseNumber"]}\"]");
        await Expect(row).ToContainTextAsync("no closing date after 2025-04-14");
        await Expect(page.Locator("#attention-table tbody tr")).ToHaveCountAsync(1);
        await Expect(row.GetByRole(AriaRole.Button)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_dashboard_shows_the_breach_its_exposure_and_the_timeline()
    {
        var page = await SignInAsync("compliance", "compliance-1");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Compliance dashboard" })).ToBeVisibleAsync();

        await Expect(page.Locator("#exposure")).ToHaveTextAsync("$50.00");
        await Expect(page.Locator("#summary-freshness")).ToHaveTextAsync("Every recorded event is counted.");
        await Expect(page.Locator("#counts-table tr[data-status=breached] td[data-clock=acknowledgment]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#counts-table tr[data-status=met] td[data-clock=acknowledgment]")).ToHaveTextAsync("1");

        var row = page.Locator($"#breached-table tr[data-case='{BreachedCase}']");
        await Expect(row).ToContainTextAsync("Acknowledgment");
        await Expect(row).ToContainTextAsync("Apr 2, 2025");
        await Expect(page.Locator("#breached-table tbody tr")).ToHaveCountAsync(1);

        // Both resolutions fall due on 2025-05-15, within 30 days of 2025-04-20: one bar each, the breached one marked.
        await Expect(page.Locator("#timeline-svg rect[data-case]")).ToHaveCountAsync(2);
        await Expect(page.Locator($"#timeline-svg rect[data-case='{BreachedCase}']")).ToHaveAttributeAsync("fill", "#c2410c");
        await Expect(page.Locator("#timeline-svg")).ToHaveAttributeAsync("role", "img");
        await ScreenshotAsync(page, "compliance-dashboard");
    }

    [Fact]
    public async Task the_activity_by_day_counts_each_receipt_acknowledgment_and_breach_on_its_day()
    {
        var page = await SignInAsync("compliance", "compliance-1");

        // Newest first: the breach of 2025-04-03 (due 2025-04-02 in New York), the acknowledgment, the two receipts.
        await Expect(page.Locator("#days-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#days-table tbody tr").First).ToHaveAttributeAsync("data-date", "2025-04-03");
        await Expect(page.Locator("#days-table tr[data-date='2025-04-03'] td[data-column=acknowledgmentBreaches]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#days-table tr[data-date='2025-03-10'] td[data-column=acknowledgmentsSent]")).ToHaveTextAsync("1");
        await Expect(page.Locator("#days-table tr[data-date='2025-03-03'] td[data-column=noticesReceived]")).ToHaveTextAsync("2");
        await Expect(page.Locator("#days-freshness")).ToHaveTextAsync("Every recorded event is counted.");
    }

    [Fact]
    public async Task each_dispute_opens_its_history_and_how_it_stood_at_a_past_instant()
    {
        var page = await SignInAsync("compliance", "compliance-1");
        await page.Locator($"#breached-table tr[data-case='{BreachedCase}']").GetByRole(AriaRole.Button, new() { Name = $"Audit {BreachedCase}" }).ClickAsync();

        await Expect(page.Locator("#audit-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#audit-title")).ToHaveTextAsync($"Audit of case {BreachedCase}");
        var history = page.Locator("#history-table tbody tr");
        await Expect(history).ToHaveCountAsync(4);
        await Expect(history.Nth(0)).ToContainTextAsync("Dispute opened");
        await Expect(history.Nth(0)).ToContainTextAsync("agent:agent-7");
        await Expect(history.Nth(1)).ToContainTextAsync("Hold placed");
        await Expect(history.Nth(2)).ToContainTextAsync("Deadline breached");
        await Expect(history.Nth(2)).ToContainTextAsync("Apr 3, 2025, 04:00 AM UTC");
        await Expect(history.Nth(3)).ToContainTextAsync("Note added");

        var asOf = page.GetByLabel("Show the dispute as it stood at (UTC)");
        await asOf.FillAsync("2025-03-20T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as of" }).ClickAsync();
        await Expect(page.Locator("#as-of-result")).ToContainTextAsync("Open");
        await Expect(page.Locator("#as-of-result")).ToContainTextAsync("Pending, due Apr 2, 2025");

        await asOf.FillAsync("2025-04-05T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as of" }).ClickAsync();
        await Expect(page.Locator("#as-of-result")).ToContainTextAsync("Breached, due Apr 2, 2025");

        await asOf.FillAsync("2025-03-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show as of" }).ClickAsync();
        await Expect(page.Locator("#as-of-result")).ToContainTextAsync("was not yet opened");
        await ScreenshotAsync(page, "compliance-audit");
        await AssertAccessibleAsync(page, "the compliance dashboard with an audit open");
    }

    [Fact]
    public async Task the_breach_report_downloads_as_csv()
    {
        var page = await SignInAsync("compliance", "compliance-1");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("disputeId,caseNumber,accountId,clock,dueOn,breachedAt,amount,currency,forfeitureExposure", lines[0]);
        Assert.Single(lines.Skip(1));
        Assert.Contains($",{BreachedCase},acct-1001,acknowledgment,2025-04-02,2025-04-03T04:00:00Z,127.43,USD,50", lines[1]);
        await Expect(page.Locator("#report-summary")).ToContainTextAsync("1 breached clock on 1 dispute; exposure $50.00.");
    }

    [Fact]
    public async Task an_agent_is_not_offered_the_dashboard()
    {
        var page = await SignInAsync("agent", "agent-7");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Agent console"]);

        await page.GotoAsync("compliance.html");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not available for your role" })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(ScriptErrors(page));
        await AssertAccessibleAsync(page, "the page refusing a role");
    }
}
