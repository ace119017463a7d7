using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Complaints;

/// <summary>
/// Formal complaints in the console: compliance sees those at risk and overdue and each one's history; the cardmember sees
/// their own by reference in English or Spanish; an agent logs one from a dispute. Every view is checked by axe-core.
/// </summary>
public sealed class when_complaints_are_followed_in_the_console(BrowserFixture fixture) : BrowserTest(fixture)
{
    private JsonObject dispute = null!;
    private JsonObject overdue = null!;
    private JsonObject atRisk = null!;
    private JsonObject someoneElses = null!;

    private string Reference(JsonObject complaint) => (string)complaint["reference"]!;

    /// <summary>
    /// On 2025-03-20 (New York): a complaint received 03-01 about a dispute is past its 03-16 response date; one received
    /// 03-06 is due 03-21; another account's, received 03-18, is due 04-02.
    /// </summary>
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        await Service.RegisterAccountAsync("acct-2002");
        dispute = await Service.OpenDisputeAsync("acct-1001", noticeReceivedAt: "2025-03-01T15:00:00Z");
        Service.Clock.SetNow("2025-03-20T12:00:00Z");
        overdue = await Service.LogComplaintAsync("acct-1001", "2025-03-01T15:00:00Z", (string)dispute["disputeId"]!, "billing_dispute");
        atRisk = await Service.LogComplaintAsync("acct-1001", "2025-03-06T15:00:00Z");
        someoneElses = await Service.LogComplaintAsync("acct-2002", "2025-03-18T15:00:00Z");
        await Service.ComplaintCommandAsync(atRisk, "review", role: "supervisor");
    }

    [Fact]
    public async Task compliance_sees_the_complaints_at_risk_and_overdue_and_opens_one_s_history()
    {
        var page = await SignInAsync("compliance", "compliance-1");

        var risk = page.Locator("#complaints-at-risk-table");
        await Expect(risk.Locator("tbody tr")).ToHaveCountAsync(1);
        var riskRow = risk.Locator($"tr[data-reference='{Reference(atRisk)}']");
        await Expect(riskRow).ToContainTextAsync("Response (15 days)");
        await Expect(riskRow).ToContainTextAsync("Mar 21, 2025");
        await Expect(riskRow).ToContainTextAsync("In review");

        var late = page.Locator("#complaints-overdue-table");
        await Expect(late.Locator("tbody tr")).ToHaveCountAsync(1);
        var lateRow = late.Locator($"tr[data-reference='{Reference(overdue)}']");
        await Expect(lateRow).ToContainTextAsync("Mar 16, 2025");
        await Expect(lateRow).ToContainTextAsync("Billing dispute");
        await Expect(lateRow).ToContainTextAsync((string)dispute["caseNumber"]!);
        await Expect(page.Locator("#complaints")).Not.ToContainTextAsync(Reference(someoneElses));
        await ScreenshotAsync(page, "compliance-complaints");
        await AssertAccessibleAsync(page, "the compliance dashboard's complaints");

        await riskRow.GetByRole(AriaRole.Button, new() { Name = $"Audit {Reference(atRisk)}" }).ClickAsync();
        await Expect(page.Locator("#audit-title")).ToHaveTextAsync($"Audit of complaint {Reference(atRisk)}");
        await Expect(page.Locator("#audit-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#history-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#history-table tr[data-type=complaint_review_started]")).ToContainTextAsync("supervisor:supervisor-7");
        await Expect(page.Locator("#as-of-form")).ToBeHiddenAsync();
        await AssertAccessibleAsync(page, "a complaint's audit history");

        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(riskRow.GetByRole(AriaRole.Button, new() { Name = $"Audit {Reference(atRisk)}" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task the_cardmember_sees_only_their_own_complaints_by_reference_in_english_and_in_spanish()
    {
        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My complaints" })).ToBeVisibleAsync();

        var cards = page.Locator("article.complaint-card");
        await Expect(cards).ToHaveCountAsync(2);
        var card = page.Locator($"article.complaint-card[data-reference='{Reference(atRisk)}']");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync($"Complaint {Reference(atRisk)}");
        await Expect(card.Locator(".status-text")).ToHaveTextAsync("We are reviewing your complaint.");
        await Expect(card.Locator(".next-text")).ToHaveTextAsync("We will answer you by March 21, 2025.");
        await Expect(card).ToContainTextAsync("Fees or interest");
        var aboutDispute = page.Locator($"article.complaint-card[data-reference='{Reference(overdue)}']");
        await Expect(aboutDispute).ToContainTextAsync($"about dispute {dispute["caseNumber"]}");
        // A missed date is never promised, nor the miss shown.
        await Expect(aboutDispute.Locator(".next-text")).ToHaveTextAsync("We are working on your complaint and will write to you.");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(Reference(someoneElses));
        await AssertAccessibleAsync(page, "the cardmember's complaints");

        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mis quejas" })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync($"Queja {Reference(atRisk)}");
        await Expect(card.Locator(".status-text")).ToHaveTextAsync("Estamos revisando su queja.");
        await Expect(card.Locator(".next-text")).ToHaveTextAsync("Le responderemos a más tardar el 21 de marzo de 2025.");
        await Expect(card).ToContainTextAsync("Cargos o intereses");
        await ScreenshotAsync(page, "cardmember-complaints-spanish");
        await AssertAccessibleAsync(page, "the cardmember's complaints in Spanish");
    }

    [Fact]
    public async Task the_cardmember_reads_the_answer_they_were_sent()
    {
        await Service.ComplaintCommandAsync(atRisk, "response", new JsonObject { ["text"] = "We refunded the late fee of $39." });

        var page = await SignInAsync("cardmember", "cardmember-1", "acct-1001");

        var card = page.Locator($"article.complaint-card[data-reference='{Reference(atRisk)}']");
        await Expect(card.Locator(".status-text")).ToHaveTextAsync("We answered your complaint.");
        await Expect(card.Locator(".complaint-answer")).ToContainTextAsync("We refunded the late fee of $39.");
        await Expect(card.Locator(".next-text")).ToHaveTextAsync("We will send you our final answer by May 5, 2025.");
        await AssertAccessibleAsync(page, "a complaint with its answer");
    }

    [Fact]
    public async Task an_agent_logs_a_complaint_from_a_dispute_and_reads_its_reference()
    {
        var page = await SignInAsync("agent", "agent-7");
        await page.GotoAsync($"agent.html#dispute/{dispute["disputeId"]}");
        await Expect(page.Locator("#dispute-title")).ToContainTextAsync((string)dispute["caseNumber"]!);

        await page.Locator("summary", new() { HasText = "Log a formal complaint" }).ClickAsync();
        var form = page.Locator("#complaint-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Log the complaint" }).ClickAsync();
        await Expect(form.Locator(".field-error")).ToContainTextAsync("The cardmember's words is required.");
        await Expect(page.GetByLabel("The cardmember's words")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync(page, "the complaint form refusing an empty complaint");

        await page.GetByLabel("What it is about").SelectOptionAsync("customer_service");
        await page.GetByLabel("The cardmember's words").FillAsync("Nobody called me back about my dispute");
        await form.GetByRole(AriaRole.Button, new() { Name = "Log the complaint" }).ClickAsync();

        await Expect(page.Locator("#complaint-logged")).ToBeFocusedAsync();
        var reference = await page.Locator("#complaint-reference").InnerTextAsync();
        Assert.Matches(@"^CMP-2025-\d{6}$", reference);
        await Expect(page.Locator("#complaint-result")).ToContainTextAsync("We answer by Apr 4, 2025 and close it with our final answer by May 19, 2025.");
        await AssertAccessibleAsync(page, "the dispute page with a complaint logged");

        using var api = Service.ClientAs("compliance", "compliance-1");
        var listed = JsonNode.Parse(await api.GetStringAsync("api/compliance/complaints?status=open&pageSize=10"))!["items"]!.AsArray();
        var logged = listed.Single(i => (string)i!["reference"]! == reference)!;
        Assert.Equal((string)dispute["disputeId"]!, (string)logged["disputeId"]!);
        Assert.Equal("customer_service", (string)logged["category"]!);
    }
}
