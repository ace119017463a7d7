using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Cardmembers;

public sealed class when_a_cardmember_checks_their_disputes(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject mine = null!;
    private JsonObject someoneElses = null!;

    private string MyCase => (string)mine["caseNumber"]!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        await Service.RegisterAccountAsync("acct-2002");
        mine = await Service.OpenDisputeAsync("acct-1001", "XYZ Store", 127.43m);
        someoneElses = await Service.OpenDisputeAsync("acct-2002", "Other Shop", 99.00m);
    }

    [Fact]
    public async Task they_see_only_their_own_dispute_in_spanish_after_switching_and_withdraw_it()
    {
        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My disputes" })).ToBeVisibleAsync();

        var cards = page.Locator("article.dispute-card");
        await Expect(cards).ToHaveCountAsync(1);
        var card = cards.First;
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync($"Case {MyCase}");
        await Expect(card).ToContainTextAsync("We received your dispute and are reviewing it.");
        await Expect(card.Locator(".next-text")).ToHaveTextAsync("We will acknowledge your dispute by April 2, 2025.");
        await Expect(card.Locator(".while-pending")).ToContainTextAsync("you do not need to pay the disputed");
        await Expect(card.Locator("ol.steps li")).ToHaveCountAsync(1);
        await Expect(page.Locator("main")).Not.ToContainTextAsync((string)someoneElses["caseNumber"]!);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Other Shop");
        await ScreenshotAsync(page, "cardmember-english");

        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Español" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mis disputas" })).ToBeVisibleAsync();
        await Expect(card.Locator(".status-text")).ToHaveTextAsync("Recibimos su disputa y la estamos revisando.");
        await Expect(card.Locator(".next-text")).ToHaveTextAsync("Acusaremos recibo de su disputa a más tardar el 2 de abril de 2025.");
        await Expect(card.Locator(".while-pending")).ToContainTextAsync("no necesita pagar los");
        await Expect(page.Locator("#announcer")).ToHaveTextAsync("La página ahora está en español.");
        await ScreenshotAsync(page, "cardmember-spanish");
        await AssertAccessibleAsync(page, "the cardmember page in Spanish");

        await card.GetByRole(AriaRole.Button, new() { Name = $"Retirar esta disputa {MyCase}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"¿Retirar la disputa {MyCase}?");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Conservar mi disputa" })).ToBeFocusedAsync();
        await ScreenshotAsync(page, "cardmember-withdraw-confirmation");
        await AssertAccessibleAsync(page, "the withdrawal confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Sí, retirarla" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#notice[role=status]")).ToHaveTextAsync($"La disputa {MyCase} fue retirada.");
        await Expect(cards.First.Locator(".status-text")).ToHaveTextAsync("Usted retiró esta disputa.");
        await Expect(cards.First.GetByRole(AriaRole.Button, new() { Name = $"Retirar esta disputa {MyCase}" })).ToHaveCountAsync(0);

        using var api = Service.ClientAs("agent", "agent-7");
        var stored = JsonNode.Parse(await api.GetStringAsync($"api/disputes/{mine["disputeId"]}"))!;
        Assert.Equal("withdrawn", (string)stored["status"]!);
        Assert.Equal("stopped", (string)stored["deadlines"]!["acknowledgment"]!["status"]!);
        var other = JsonNode.Parse(await api.GetStringAsync($"api/disputes/{someoneElses["disputeId"]}"))!;
        Assert.Equal("open", (string)other["status"]!);
    }

    [Fact]
    public async Task cancelling_the_confirmation_with_escape_keeps_the_dispute()
    {
        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001");
        var withdraw = page.GetByRole(AriaRole.Button, new() { Name = $"Withdraw this dispute {MyCase}" });
        await withdraw.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await Expect(withdraw).ToBeFocusedAsync();
        await Expect(page.Locator(".status-text")).ToHaveTextAsync("We received your dispute and are reviewing it.");
    }

    [Fact]
    public async Task the_page_fits_a_phone_screen_without_scrolling_sideways()
    {
        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001,acct-2002", width: 375, height: 812);
        await Expect(page.Locator("article.dispute-card")).ToHaveCountAsync(2);
        foreach (var language in new[] { "English", "Español" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
            await Expect(page.Locator("article.dispute-card")).ToHaveCountAsync(2);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            var (scrollWidth, viewport) = (widths[0], widths[1]);
            Assert.True(scrollWidth <= viewport, $"In {language} the page is {scrollWidth}px wide on a {viewport}px screen.");
        }

        await ScreenshotAsync(page, "cardmember-phone");
        await AssertAccessibleAsync(page, "the cardmember page on a phone");
    }

    [Fact]
    public async Task a_charge_not_yet_billed_is_explained_in_their_language()
    {
        await Service.OpenDisputeAsync("acct-1001", "Corner Cafe", 18.20m, statementTransmittedOn: null);
        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001");

        var pending = page.Locator("article.dispute-card", new() { HasText = "Corner Cafe" });
        await Expect(pending.Locator(".not-yet-billed")).ToContainTextAsync("This charge is not on a statement yet.");
        await Expect(page.Locator("article.dispute-card", new() { HasText = "XYZ Store" }).Locator(".not-yet-billed")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(pending.Locator(".not-yet-billed")).ToContainTextAsync("Este cargo todavía no aparece en un estado de cuenta.");
        await AssertAccessibleAsync(page, "the cardmember page with a charge not yet billed");
    }
}
