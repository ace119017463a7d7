using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Agents;

/// <summary>
/// The agent console's letters (rule book section 8): "Preview the letter" beside each step that sends one shows the
/// letter the step would send, and the notice of reporting of 1026.13(g)(4) is recorded with its parties' names and
/// addresses from a form usable by keyboard and screen reader.
/// </summary>
public sealed class when_an_agent_previews_and_sends_a_letter(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject dispute = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        dispute = await Service.OpenDisputeAsync("acct-1001");
    }

    private async Task<IPage> OpenDisputeAsync()
    {
        var page = await SignInAsync("agent", "agent-7");
        await page.GotoAsync($"agent.html#dispute/{dispute["disputeId"]}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case {dispute["caseNumber"]}" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Explained on 03-20 with 127.43 owed by 04-20 (approved by a supervisor), reasserted on 04-01, read on 04-25.</summary>
    private async Task ReassertAsync()
    {
        await Service.CommandAsync(dispute, "acknowledgment");
        Service.Clock.SetNow("2025-03-20T15:00:00Z");
        var proposed = await Service.CommandAsync(dispute, "resolution", new JsonObject
        {
            ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches.", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-20",
        });
        using var supervisor = Service.ClientAs("supervisor", "supervisor-2");
        var approved = await supervisor.PostAsJsonAsync($"api/disputes/{dispute["disputeId"]}/resolution-approval",
            new { proposalId = (string)proposed["pendingResolution"]!["proposalId"]!, expectedVersion = (long)proposed["version"]! });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        Service.Clock.SetNow("2025-04-01T15:00:00Z");
        var resolved = JsonNode.Parse(await approved.Content.ReadAsStringAsync())!.AsObject();
        var reopened = await supervisor.PostAsJsonAsync($"api/disputes/{dispute["disputeId"]}/reopening",
            new { reason = "The cardmember disputes the amount owed again.", expectedVersion = (long)resolved["version"]! });
        Assert.True(reopened.IsSuccessStatusCode, await reopened.Content.ReadAsStringAsync());
        Service.Clock.SetNow("2025-04-25T15:00:00Z");
    }

    [Fact]
    public async Task the_acknowledgment_is_previewed_in_a_new_tab_before_it_is_sent_and_nothing_is_sent_by_the_preview()
    {
        var page = await OpenDisputeAsync();
        var preview = page.GetByRole(AriaRole.Button, new() { Name = "Preview the letter (the written acknowledgment)" });

        var letter = await page.Context.RunAndWaitForPageAsync(() => preview.ClickAsync());

        await Expect(letter.Locator("body")).ToContainTextAsync("We received your notice of a billing error on March 3, 2025");
        await Expect(letter.Locator("body")).ToContainTextAsync((string)dispute["caseNumber"]!);
        await Expect(page.Locator("#dispute-notice")).ToContainTextAsync("Nothing was sent or stored.");
        await Expect(page.Locator("#letters")).ToContainTextAsync("No letter has been sent yet.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send the written acknowledgment" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "a dispute with the acknowledgment's preview offered");
    }

    [Fact]
    public async Task a_resolution_preview_the_step_would_refuse_shows_the_refusal_under_its_field()
    {
        var page = await OpenDisputeAsync();
        await page.Locator("summary", new() { HasText = "Resolve" }).ClickAsync();
        var resolve = page.Locator("form[data-step=resolution]");
        await resolve.GetByLabel("Error corrected").CheckAsync();

        await resolve.GetByRole(AriaRole.Button, new() { Name = "Preview the letter" }).ClickAsync();

        var amount = resolve.GetByLabel("Amount credited");
        await Expect(amount).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(amount).ToBeFocusedAsync();
        await Expect(page.Locator("#letters")).ToContainTextAsync("No letter has been sent yet.");
    }

    [Fact]
    public async Task the_notice_of_reporting_is_recorded_with_two_parties_from_the_keyboard_after_its_preview()
    {
        await ReassertAsync();
        var page = await OpenDisputeAsync();
        await page.Locator("summary", new() { HasText = "Record a report and send the notice of reporting" }).ClickAsync();
        var form = page.Locator("form[data-step=reporting]");

        await form.GetByLabel("The amount, reported as in dispute").CheckAsync();
        await form.GetByLabel("Reported on").FillAsync("2025-04-24");
        await form.GetByLabel("Name").FillAsync("Experian");
        await form.GetByLabel("Address").FillAsync("P.O. Box 2002\nAllen, TX 75013");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a party" }).PressAsync("Enter");
        var second = form.Locator("fieldset.party").Nth(1);
        await Expect(second.GetByLabel("Name")).ToBeFocusedAsync();
        await Expect(second.Locator("legend")).ToHaveTextAsync("Party 2");
        await page.Keyboard.TypeAsync("Equifax");
        await second.GetByLabel("Address").FillAsync("P.O. Box 740256\nAtlanta, GA 30374");
        await AssertAccessibleAsync(page, "the notice of reporting's form with two parties");

        var letter = await page.Context.RunAndWaitForPageAsync(() => form.GetByRole(AriaRole.Button, new() { Name = "Preview the letter" }).ClickAsync());
        await Expect(letter.Locator("body")).ToContainTextAsync("P.O. Box 740256");
        await Expect(letter.Locator("body")).ToContainTextAsync("Experian");

        await form.GetByRole(AriaRole.Button, new() { Name = "Record a report and send the notice of reporting" }).ClickAsync();

        await Expect(page.Locator("#dispute-notice")).ToContainTextAsync("Report recorded; the notice of reporting was sent.");
        await Expect(page.Locator("#steps")).ToContainTextAsync("Amount reported as in dispute on 2025-04-24 to Experian, Equifax.");
        await Expect(page.Locator("#letters")).ToContainTextAsync("Notice of reporting (English)");
    }

    [Fact]
    public async Task a_party_without_an_address_is_refused_and_named_under_the_parties_field()
    {
        await ReassertAsync();
        var page = await OpenDisputeAsync();
        await page.Locator("summary", new() { HasText = "Record a report and send the notice of reporting" }).ClickAsync();
        var form = page.Locator("form[data-step=reporting]");
        await form.GetByLabel("The amount, reported as in dispute").CheckAsync();
        await form.GetByLabel("Reported on").FillAsync("2025-04-24");
        await form.GetByLabel("Name").FillAsync("Experian");

        await form.GetByRole(AriaRole.Button, new() { Name = "Record a report and send the notice of reporting" }).ClickAsync();

        var name = form.GetByLabel("Name");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToBeFocusedAsync();
        await Expect(form.Locator(".field-error")).ToContainTextAsync("name and address");
        await Expect(page.Locator("#letters")).Not.ToContainTextAsync("Notice of reporting");
    }
}
