using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Agents;

public sealed partial class when_an_agent_opens_a_dispute(BrowserFixture fixture) : BrowserTest(fixture)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
    }

    private static async Task FillIntakeAsync(IPage page, string description)
    {
        var form = page.Locator("#intake-form");
        await form.GetByLabel("Account id", new() { Exact = true }).FillAsync("acct-1001");
        await form.GetByLabel("Card, last 4 digits").FillAsync("1005");
        await form.GetByLabel("Chat session id").FillAsync("chat-" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c)));
        await form.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Unauthorized charge" });
        await form.GetByLabel("Merchant").FillAsync("XYZ Store");
        await form.GetByLabel("Amount").FillAsync("127.43");
        await form.GetByLabel("Transaction date").FillAsync("2025-02-10");
        await form.GetByLabel("Statement sent on").FillAsync("2025-02-16");
        await form.GetByLabel("Notice received (UTC)").FillAsync("2025-03-03T15:00");
        await form.GetByLabel("Description").FillAsync(description);
    }

    [Fact]
    public async Task the_case_number_is_shown_big_enough_to_read_out_and_the_dispute_joins_the_queue()
    {
        var page = await SignInAsync("agent", "agent-7");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agent console" })).ToBeVisibleAsync();
        await Expect(page.Locator("#queue")).ToContainTextAsync("No open disputes");

        await FillIntakeAsync(page, "I did not make this purchase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();

        var caseNumber = page.Locator("#case-number");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dispute opened" })).ToBeFocusedAsync();
        await Expect(caseNumber).ToHaveTextAsync(CaseNumberPattern());
        var fontSize = await caseNumber.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(fontSize >= 24, $"The case number is {fontSize}px; read out to the cardmember, it should be at least 24px.");

        var shown = await caseNumber.TextContentAsync();
        await Expect(page.Locator("#queue-table")).ToContainTextAsync(shown!);
        await ScreenshotAsync(page, "agent-dispute-opened");

        using var api = Service.ClientAs("agent", "agent-7");
        var stored = JsonNode.Parse(await api.GetStringAsync($"api/disputes/by-case/{shown}"))!;
        Assert.Equal("XYZ Store", (string)stored["merchant"]!);
    }

    [Fact]
    public async Task a_card_number_in_the_description_is_flagged_while_typing_and_refused_with_a_readable_message()
    {
        var page = await SignInAsync("agent", "agent-7");
        await FillIntakeAsync(page, "My card 4111 1111 1111 1111 was charged twice");

        // The warning appears while typing, before anything is sent.
        await Expect(page.Locator("#f-description-warning")).ToContainTextAsync("This looks like a full card number");

        await page.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();

        // The service refuses it (422) and the page says so under the field and in an alert, never echoing the number.
        var description = page.Locator("#intake-form").GetByLabel("Description");
        await Expect(page.Locator("#f-description-error")).ToHaveTextAsync("Description contains a full card number");
        await Expect(description).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(description).ToBeFocusedAsync();
        var alert = page.Locator("#intake-notice[role=alert]");
        await Expect(alert).ToContainTextAsync("The request contains sensitive data the service does not accept.");
        await Expect(alert).ToContainTextAsync("appears to contain a full card number");
        Assert.DoesNotContain("4111 1111", await alert.TextContentAsync() ?? "");
        Assert.Equal(0, await page.Locator("#case-number").CountAsync());
        await ScreenshotAsync(page, "agent-card-number-refused");

        using var api = Service.ClientAs("agent", "agent-7");
        var queue = JsonNode.Parse(await api.GetStringAsync("api/disputes"))!;
        Assert.Equal(0, (int)queue["total"]!);

        // Removing the number clears the warning; the same request then opens the dispute.
        await description.FillAsync("My card was charged twice");
        await Expect(page.Locator("#f-description-warning")).ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();
        await Expect(page.Locator("#case-number")).ToHaveTextAsync(CaseNumberPattern());
    }

    [Fact]
    public async Task missing_fields_are_named_under_each_field()
    {
        var page = await SignInAsync("agent", "agent-7");
        var form = page.Locator("#intake-form");
        await form.GetByLabel("Account id", new() { Exact = true }).FillAsync("acct-1001");
        await form.GetByLabel("Amount").FillAsync("12.345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open dispute" }).ClickAsync();

        await Expect(page.Locator("#f-amount-error")).ToHaveTextAsync("Amount must have at most two decimals.");
        await Expect(page.Locator("#f-merchant-error")).ToHaveTextAsync("Merchant is required.");
        await Expect(page.Locator("#f-reason-error")).ToContainTextAsync("Reason is required.");
        await Expect(form.GetByLabel("Card, last 4 digits")).ToBeFocusedAsync();
        await Expect(page.Locator("#intake-notice[role=alert]")).ToContainTextAsync("The request has invalid fields.");
        await AssertAccessibleAsync(page, "the agent console showing field errors");
    }

    [GeneratedRegex(@"^DSP-2025-\d{6}$")]
    private static partial Regex CaseNumberPattern();
}
