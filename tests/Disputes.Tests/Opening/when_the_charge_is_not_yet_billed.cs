using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Opening;

/// <summary>
/// Rule book section 1: a notice about a charge on no statement yet (a pending or just-posted transaction) is accepted as
/// timely with its clocks from receipt, says "not yet billed" until the statement date is recorded, and stays protected
/// whatever that date shows.
/// </summary>
public sealed class when_the_charge_is_not_yet_billed(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static JsonObject PendingCharge(string transactionDate = "2025-02-28")
    {
        var intake = TestApi.Intake();
        intake.Remove("statementTransmittedOn");
        intake["transactionDate"] = transactionDate;
        return intake;
    }

    private async Task<JsonObject> OpenAsync(JsonObject? intake = null)
    {
        await Client.RegisterAccountAsync();
        return await Client.OpenDisputeAsync(intake ?? PendingCharge());
    }

    private async Task<JsonObject> CardmemberViewAsync(JsonObject dispute, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/me/disputes/{dispute["caseNumber"]}");
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await Service.ClientAs("cardmember", "cm-a", "acct-1001").SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    [Fact]
    public async Task it_is_accepted_as_timely_with_its_clocks_from_receipt_and_says_not_yet_billed()
    {
        var dispute = await OpenAsync();

        Assert.True((bool)dispute["notYetBilled"]!);
        Assert.Null(dispute["statementTransmittedOn"]);
        Assert.True((bool)dispute["fcbaProtected"]!);
        var deadlines = dispute["deadlines"]!;
        Assert.Null(deadlines["filingWindow"]!["lastDay"]);
        Assert.True((bool)deadlines["filingWindow"]!["timely"]!);
        Assert.True((bool)deadlines["filingWindow"]!["notYetBilled"]!);
        Assert.Equal(("pending", "2025-04-02"), (deadlines["acknowledgment"]!["status"].Str(), deadlines["acknowledgment"]!["dueOn"].Str()));
        Assert.Equal(("pending", "2025-05-15"), (deadlines["resolution"]!["status"].Str(), deadlines["resolution"]!["dueOn"].Str()));
        Assert.NotNull(dispute["hold"]);
        Assert.Contains("statement-date", dispute["allowedActions"]!.AsArray().Select(a => a.Str()));
    }

    [Fact]
    public async Task a_charge_dated_after_the_receipt_is_refused()
    {
        await Client.RegisterAccountAsync();

        var response = await Client.PostJsonAsync("/api/disputes", PendingCharge(transactionDate: "2025-03-04"));

        Assert.Equal(["transactionDate"], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(0, await Service.DisputeCountAsync());
    }

    [Fact]
    public async Task the_statement_date_shows_the_filing_window_for_real_and_moves_no_clock()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-03-17T15:00:00Z");

        var billed = await Client.StepAsync(dispute, "statement-date", new() { ["statementTransmittedOn"] = "2025-03-16" });

        Assert.False((bool)billed["notYetBilled"]!);
        Assert.Equal("2025-03-16", billed["statementTransmittedOn"].Str());
        var window = billed["deadlines"]!["filingWindow"]!;
        Assert.Equal(("2025-05-15", true, false), (window["lastDay"].Str(), (bool)window["timely"]!, (bool)window["notYetBilled"]!));
        Assert.Equal(dispute["deadlines"]!["acknowledgment"]!.ToJsonString(), billed["deadlines"]!["acknowledgment"]!.ToJsonString());
        Assert.Equal(dispute["deadlines"]!["resolution"]!.ToJsonString(), billed["deadlines"]!["resolution"]!.ToJsonString());
        Assert.Equal("statement_date_recorded", billed["steps"]!.AsArray()[^1]!["type"].Str());
        Assert.DoesNotContain("statement-date", billed["allowedActions"]!.AsArray().Select(a => a.Str()));
    }

    [Fact]
    public async Task a_statement_date_that_shows_the_notice_late_leaves_it_protected()
    {
        // Billed after all, on 2024-12-30: the window ended 2025-02-28, before the notice of 03-03.
        var dispute = await OpenAsync(PendingCharge(transactionDate: "2024-12-20"));

        var billed = await Client.StepAsync(dispute, "statement-date", new() { ["statementTransmittedOn"] = "2024-12-30" });

        Assert.False((bool)billed["deadlines"]!["filingWindow"]!["timely"]!);
        Assert.True((bool)billed["fcbaProtected"]!);
        Assert.Equal("pending", billed["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("pending", billed["deadlines"]!["resolution"]!["status"].Str());
        Assert.False((bool)billed["hold"]!["released"]!);
    }

    [Fact]
    public async Task the_statement_date_is_given_once_with_the_version_decided_on()
    {
        var dispute = await OpenAsync();

        await (await Client.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/statement-date", new JsonObject { ["statementTransmittedOn"] = "2025-03-01" }))
            .ProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(["statementTransmittedOn"],
            (await (await Client.CommandAsync(dispute, "statement-date")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["statementTransmittedOn"], (await (await Client.CommandAsync(dispute, "statement-date",
            new() { ["statementTransmittedOn"] = "2025-02-27" })).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        var billed = await Client.StepAsync(dispute, "statement-date", new() { ["statementTransmittedOn"] = "2025-03-01" });

        var again = await Client.CommandAsync(billed, "statement-date", new() { ["statementTransmittedOn"] = "2025-03-02" });

        Assert.Equal("statement_date_known", (await again.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal("2025-03-01", (await Client.GetDisputeAsync(dispute))["statementTransmittedOn"].Str());
    }

    [Fact]
    public async Task the_cardmember_reads_not_yet_billed_in_their_language_until_the_statement_date_is_known()
    {
        var dispute = await OpenAsync();

        Assert.StartsWith("This charge is not on a statement yet.", (await CardmemberViewAsync(dispute, "en"))["notYetBilled"].Str());
        Assert.StartsWith("Este cargo todavía no aparece en un estado de cuenta.", (await CardmemberViewAsync(dispute, "es"))["notYetBilled"].Str());

        await Client.StepAsync(dispute, "statement-date", new() { ["statementTransmittedOn"] = "2025-03-01" });

        Assert.Null((await CardmemberViewAsync(dispute, "en"))["notYetBilled"]);
    }
}
