using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Agents;

public sealed class when_an_agent_works_a_dispute(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject dispute = null!;

    private string CaseNumber => (string)dispute["caseNumber"]!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        dispute = await Service.OpenDisputeAsync("acct-1001");
    }

    private async Task<IPage> OpenFromQueueAsync()
    {
        var page = await SignInAsync("agent", "agent-7");
        await page.Locator("#queue-table").GetByRole(AriaRole.Link, new() { Name = CaseNumber }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case {CaseNumber}" })).ToBeFocusedAsync();
        return page;
    }

    [Fact]
    public async Task a_partial_resolution_is_proposed_and_another_supervisor_approves_it()
    {
        var page = await OpenFromQueueAsync();
        await page.Locator("summary", new() { HasText = "Resolve" }).ClickAsync();
        var resolve = page.Locator("form[data-step=resolution]");

        await resolve.GetByLabel("Corrected in part").CheckAsync();
        await Expect(resolve.GetByLabel("Amount credited")).ToBeVisibleAsync();
        await Expect(resolve.GetByLabel("Written explanation sent to the cardmember")).ToBeVisibleAsync();
        await resolve.GetByLabel("Amount credited").FillAsync("40");
        await resolve.GetByLabel("Written explanation sent to the cardmember").FillAsync("The second charge was a separate order.");
        await resolve.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();

        await Expect(page.Locator("#dispute-notice")).ToContainTextAsync("proposed for a supervisor's approval");
        await Expect(page.Locator("#dispute-status")).ToHaveTextAsync("Open");
        await Expect(page.Locator("#proposal")).ToContainTextAsync("Proposed by agent-7");
        await Expect(page.Locator("#proposal")).ToContainTextAsync("The second charge was a separate order.");
        // An agent does not decide on proposals.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve and send the letter" })).ToHaveCountAsync(0);

        var supervisor = await SignInAsync("supervisor", "supervisor-2");
        await supervisor.GotoAsync($"/agent.html#dispute/{dispute["disputeId"]}");
        await Expect(supervisor.Locator("#proposal")).ToContainTextAsync("Proposed by agent-7");
        await AssertAccessibleAsync(supervisor, "a dispute waiting for approval");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Approve and send the letter" }).ClickAsync();

        await Expect(supervisor.Locator("#dispute-status")).ToHaveTextAsync("Resolved");
        await Expect(supervisor.Locator("#steps")).ToContainTextAsync("Proposed resolution approved by supervisor-2 (proposed by agent-7).");
        await Expect(supervisor.Locator("#steps")).ToContainTextAsync("Resolved: part of the error corrected, 40.00 credited, the rest explained");
        await Expect(supervisor.Locator("#proposal")).ToHaveCountAsync(0);
        await Expect(supervisor.Locator("#letters")).ToContainTextAsync("Correction notice");
    }

    [Fact]
    public async Task the_agent_writes_the_end_of_chat_summary_in_the_cardmembers_language()
    {
        var page = await OpenFromQueueAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Write the summary" }).ClickAsync();
        await Expect(page.Locator("#chat-summary")).ToContainTextAsync($"Summary of your dispute {CaseNumber}");
        await Expect(page.Locator("#chat-summary")).ToContainTextAsync("Next: We will acknowledge your dispute by April 2, 2025.");

        await page.GetByLabel("Language").SelectOptionAsync("es");
        await page.GetByRole(AriaRole.Button, new() { Name = "Write the summary" }).ClickAsync();
        await Expect(page.Locator("#chat-summary")).ToContainTextAsync($"Resumen de su disputa {CaseNumber}");
        await Expect(page.Locator("#chat-summary")).ToHaveAttributeAsync("lang", "es");
        await AssertAccessibleAsync(page, "the dispute page with its chat summary");
    }

    [Fact]
    public async Task the_page_shows_the_clocks_and_steps_and_offers_the_next_actions()
    {
        var page = await OpenFromQueueAsync();
        await Expect(page.Locator("#dispute-status")).ToHaveTextAsync("Open");
        await Expect(page.Locator("#steps")).ToContainTextAsync("Billing-error notice received by chat for 127.43 USD at XYZ Store.");
        await Expect(page.Locator(".clock").Nth(1)).ToContainTextAsync("Apr 2, 2025");

        var actions = page.Locator(".action-list");
        await Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Send the written acknowledgment" })).ToBeVisibleAsync();
        foreach (var action in new[] { "Escalate", "Resolve", "Add an internal note", "Record the cardmember's withdrawal" })
        {
            await Expect(actions.Locator("summary", new() { HasText = action })).ToBeVisibleAsync();
        }

        // Reopening is a supervisor's decision, and only for a resolved dispute.
        await Expect(actions.Locator("summary", new() { HasText = "Reopen" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the written acknowledgment" }).ClickAsync();
        await Expect(page.Locator("#dispute-notice")).ToContainTextAsync("Acknowledgment letter sent.");
        await Expect(page.Locator("#dispute-status")).ToHaveTextAsync("Acknowledged");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send the written acknowledgment" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#steps")).ToContainTextAsync("Written acknowledgment sent.");
        await Expect(page.Locator("#letters li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#letters")).ToContainTextAsync("Acknowledgment (English)");
        // The button names the letter too, for a screen reader: "Download PDF", then the letter's title.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("#letters").GetByRole(AriaRole.Button, new() { NameRegex = new("^Download PDF.*Acknowledgment \\(English\\)$") }).ClickAsync());
        Assert.EndsWith("-acknowledgment.pdf", download.SuggestedFilename);

        await page.Locator("summary", new() { HasText = "Resolve" }).ClickAsync();
        var resolve = page.Locator("form[data-step=resolution]");
        await resolve.GetByLabel("Error corrected").CheckAsync();
        await resolve.GetByLabel("Amount credited").FillAsync("127.43");
        await resolve.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(page.Locator("#dispute-status")).ToHaveTextAsync("Resolved");
        await Expect(page.Locator("#steps")).ToContainTextAsync("Resolved: error corrected, 127.43 credited.");

        // A resolved dispute leaves an agent only notes.
        await Expect(page.Locator(".action-list summary")).ToHaveTextAsync(["Add an internal note"]);
        await ScreenshotAsync(page, "agent-dispute-resolved");
    }

    [Fact]
    public async Task a_change_made_by_someone_else_meanwhile_is_reported_as_a_conflict_to_reload()
    {
        var page = await OpenFromQueueAsync();

        // Another agent adds a note while this page still shows version 1.
        await Service.CommandAsync(dispute, "notes", new JsonObject { ["text"] = "Called the cardmember back." });

        await page.Locator("summary", new() { HasText = "Escalate" }).ClickAsync();
        var escalate = page.Locator("form[data-step=escalation]");
        await escalate.GetByLabel("Escalate to").SelectOptionAsync(new SelectOptionValue { Label = "Supervisor" });
        await escalate.GetByLabel("Reason").FillAsync("Cardmember asked for a supervisor.");
        await escalate.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();

        var notice = page.Locator("#dispute-notice[role=alert]");
        await Expect(notice).ToContainTextAsync("Someone else changed this dispute — reload");
        await Expect(notice).ToBeFocusedAsync();
        await ScreenshotAsync(page, "agent-version-conflict");
        await AssertAccessibleAsync(page, "the dispute page showing a version conflict");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reload the dispute" }).ClickAsync();
        await Expect(page.Locator("#steps")).ToContainTextAsync("Called the cardmember back.");

        await page.Locator("summary", new() { HasText = "Escalate" }).ClickAsync();
        await escalate.GetByLabel("Escalate to").SelectOptionAsync(new SelectOptionValue { Label = "Supervisor" });
        await escalate.GetByLabel("Reason").FillAsync("Cardmember asked for a supervisor.");
        await escalate.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await Expect(page.Locator("#dispute-notice")).ToContainTextAsync("Escalation recorded.");
        await Expect(page.Locator("#steps")).ToContainTextAsync("Escalated to supervisor: Cardmember asked for a supervisor.");
    }

    [Fact]
    public async Task the_acknowledgment_can_be_recorded_with_the_keyboard_alone()
    {
        var page = await OpenFromQueueAsync();
        var target = page.GetByRole(AriaRole.Button, new() { Name = "Send the written acknowledgment" });
        for (var presses = 0; presses < 40 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#dispute-status")).ToHaveTextAsync("Acknowledged");

        // The outcome is announced: focus moves to the status message.
        await Expect(page.Locator("#dispute-notice")).ToBeFocusedAsync();
        await Expect(page.Locator("#dispute-notice")).ToHaveAttributeAsync("role", "status");
    }

    [Fact]
    public async Task a_charge_not_yet_billed_says_so_until_the_statement_date_is_recorded()
    {
        var pending = await Service.OpenDisputeAsync("acct-1001", "Corner Cafe", 18.20m, statementTransmittedOn: null);
        var page = await SignInAsync("agent", "agent-7");
        await page.Locator("#queue-table").GetByRole(AriaRole.Link, new() { Name = (string)pending["caseNumber"]! }).ClickAsync();

        var window = page.Locator("#filing-window");
        await Expect(window.Locator("#not-yet-billed")).ToHaveTextAsync("Not yet billed");
        await Expect(window).ToContainTextAsync("Treated as timely: the clocks run from receipt.");
        await Expect(page.Locator("section[aria-labelledby=facts-title] .facts")).ToContainTextAsync("Not yet billed");
        await AssertAccessibleAsync(page, "a dispute about a charge not yet billed");

        await page.Locator("summary", new() { HasText = "Record the statement date" }).ClickAsync();
        var record = page.Locator("form[data-step=statement-date]");
        await record.GetByLabel("Statement sent on").FillAsync("2025-03-01");
        await record.GetByRole(AriaRole.Button, new() { Name = "Record the statement date" }).ClickAsync();

        await Expect(page.Locator("#dispute-notice")).ToContainTextAsync("Statement date recorded; the filing window is known.");
        await Expect(window.Locator("#not-yet-billed")).ToHaveCountAsync(0);
        await Expect(window).ToContainTextAsync("Apr 30, 2025");
        await Expect(window).ToContainTextAsync("Timely");
        await Expect(page.Locator(".action-list summary", new() { HasText = "Record the statement date" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "agent-statement-date-recorded");
    }
}
