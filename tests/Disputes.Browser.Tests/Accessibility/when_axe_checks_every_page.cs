using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Accessibility;

/// <summary>
/// axe-core on each page of the console, with data on it, as each role sees it: no serious or critical violation.
/// (The other tests also check the pages in the states they reach: field errors, a conflict, a dialog, a phone.)
/// </summary>
public sealed class when_axe_checks_every_page(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject dispute = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        dispute = await Service.OpenDisputeAsync("acct-1001", "XYZ Store", 127.43m);
        await Service.OpenDisputeAsync("acct-1001", "Corner Cafe", 14.50m);
        Service.Clock.SetNow("2025-04-20T12:00:00Z");
        await Service.CommandAsync(dispute, "notes", new JsonObject { ["text"] = "Waiting on the merchant." });
    }

    [Fact]
    public async Task the_sign_in_page()
    {
        var page = await Fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Development sign-in" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, "sign-in");
        await AssertAccessibleAsync(page, "the sign-in page");

        await page.GetByText("Sign in with a token from your identity provider").ClickAsync();
        await page.GetByLabel("Access token").FillAsync("not-a-token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();
        await Expect(page.Locator("#token-error")).ToContainTextAsync("is not a token this service understands");
        await AssertAccessibleAsync(page, "the sign-in page refusing a token");

        // A token from an identity provider, pasted: its role decides where the page goes.
        await page.GetByLabel("Access token").FillAsync(Service.TokenFor("compliance", "officer-3"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/compliance\\.html$"));
        await Expect(page.Locator("#who")).ToContainTextAsync("officer-3");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task the_agent_console()
    {
        var page = await SignInAsync("agent", "agent-7");
        await Expect(page.Locator("#queue-table tbody tr")).ToHaveCountAsync(2);
        await ScreenshotAsync(page, "agent-console");
        await AssertAccessibleAsync(page, "the agent console");
    }

    [Fact]
    public async Task the_dispute_page_of_a_supervisor()
    {
        var page = await SignInAsync("supervisor", "supervisor-1");
        await page.GotoAsync($"agent.html#dispute/{dispute["disputeId"]}");
        await Expect(page.Locator("#dispute-title")).ToContainTextAsync((string)dispute["caseNumber"]!);
        await page.Locator("summary", new() { HasText = "Resolve" }).ClickAsync();
        await ScreenshotAsync(page, "agent-dispute");
        await AssertAccessibleAsync(page, "the dispute page");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link))
            .ToHaveTextAsync(["Agent console", "Compliance dashboard"]);
    }

    [Fact]
    public async Task the_compliance_dashboard()
    {
        var page = await SignInAsync("compliance", "compliance-1");
        await Expect(page.Locator("#timeline-svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#breached-table tbody tr")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page, "the compliance dashboard");
    }

    [Fact]
    public async Task the_cardmember_page()
    {
        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001");
        await Expect(page.Locator("article.dispute-card")).ToHaveCountAsync(2);
        await AssertAccessibleAsync(page, "the cardmember page");
    }
}
