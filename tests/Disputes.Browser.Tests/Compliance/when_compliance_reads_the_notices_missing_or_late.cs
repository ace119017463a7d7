using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Compliance;

/// <summary>
/// The compliance dashboard's report of notices missing or late (rule book section 8) and its print queue: what a
/// compliance officer reads, by keyboard and screen reader, about letters that did not go out in time.
/// </summary>
public sealed class when_compliance_reads_the_notices_missing_or_late(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject missing = null!;
    private JsonObject sentLate = null!;
    private JsonObject waiting = null!;
    private JsonObject resolvedByPost = null!;

    /// <summary>
    /// Four disputes received 2025-03-03 (acknowledgment due 04-02, resolution due 05-15). One is never acknowledged, one
    /// is acknowledged by post on 03-20 and never mailed, one is acknowledged in time and then resolved by post on 04-05,
    /// and one is acknowledged on 04-05, three days late; the dashboard is read on 04-05.
    /// </summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        missing = await Service.OpenDisputeAsync("acct-1001", "XYZ Store", 127.43m);
        sentLate = await Service.OpenDisputeAsync("acct-1001", "Corner Cafe", 14.50m);
        waiting = await Service.OpenDisputeAsync("acct-1001", "Book Barn", 30m);
        resolvedByPost = await Service.OpenDisputeAsync("acct-1001", "Garden Goods", 42m);
        Service.Clock.SetNow("2025-03-20T15:00:00Z");
        await Service.CommandAsync(waiting, "acknowledgment", new JsonObject { ["channel"] = "postal" });
        await Service.CommandAsync(resolvedByPost, "acknowledgment");
        Service.Clock.SetNow("2025-04-05T15:00:00Z");
        await Service.CommandAsync(sentLate, "acknowledgment");
        await Service.CommandAsync(resolvedByPost, "resolution", new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 42m, ["channel"] = "postal" });
    }

    private static string Case(JsonObject dispute) => (string)dispute["caseNumber"]!;

    [Fact]
    public async Task each_notice_missing_or_late_is_listed_with_its_lapse_and_days_late_and_the_print_queue_shows_the_clock_to_beat()
    {
        var page = await SignInAsync("compliance", "compliance-1");

        var late = page.Locator("#late-notices-table tbody tr");
        await Expect(late).ToHaveCountAsync(3);
        var none = page.Locator($"#late-notices-table tr[data-case='{Case(missing)}']");
        await Expect(none).ToContainTextAsync("Missing: nothing sent");
        await Expect(none).ToContainTextAsync("Apr 2, 2025");
        await Expect(none).ToContainTextAsync("3 days");
        var sent = page.Locator($"#late-notices-table tr[data-case='{Case(sentLate)}']");
        await Expect(sent).ToContainTextAsync("Sent late");
        await Expect(sent).ToContainTextAsync("Secure message");
        await Expect(page.Locator($"#late-notices-table tr[data-case='{Case(waiting)}']")).ToContainTextAsync("Waiting for the post");
        await Expect(page.Locator($"#late-notices-table tr[data-case='{Case(resolvedByPost)}']")).ToHaveCountAsync(0);

        await Expect(page.Locator("#print-queue-table tbody tr")).ToHaveCountAsync(2);
        var correction = page.Locator($"#print-queue-table tr[data-case='{Case(resolvedByPost)}']");
        await Expect(correction).ToContainTextAsync("Correction notice (English)");
        await Expect(correction).ToContainTextAsync("Resolution");
        await Expect(correction).ToContainTextAsync("May 15, 2025");
        await ScreenshotAsync(page, "compliance-notices-missing-or-late");
        await AssertAccessibleAsync(page, "the compliance dashboard's notices missing or late and print queue");
    }

    [Fact]
    public async Task a_row_of_the_report_opens_its_dispute_audit_from_the_keyboard()
    {
        var page = await SignInAsync("compliance", "compliance-1");
        var audit = page.Locator($"#late-notices-table tr[data-case='{Case(missing)}']").GetByRole(AriaRole.Button, new() { Name = $"Audit {Case(missing)}" });

        await audit.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#audit-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#audit-title")).ToHaveTextAsync($"Audit of case {Case(missing)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).PressAsync("Enter");
        await Expect(audit).ToBeFocusedAsync();
    }

    [Fact]
    public async Task a_supervisor_reads_the_report_but_is_told_the_print_queue_is_for_compliance_officers()
    {
        var page = await SignInAsync("supervisor", "supervisor-2");
        await page.GotoAsync("compliance.html");

        await Expect(page.Locator("#late-notices-table tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#print-queue")).ToContainTextAsync("The print queue is shown to compliance officers.");
    }
}
