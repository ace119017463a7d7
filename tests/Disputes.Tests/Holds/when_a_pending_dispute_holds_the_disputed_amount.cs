using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Holds;
using Disputes.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using Wolverine;
using Xunit;

namespace Disputes.Tests.Holds;

/// <summary>
/// Rule book section 4 through the API: a protected dispute holds the disputed amount and its related charges from the
/// notice's receipt, the hold follows the dispute to its release, and activity it forbids is a violation with the
/// forfeiture, counted once.
/// </summary>
public sealed class when_a_pending_dispute_holds_the_disputed_amount(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Integrator => Service.ClientAs("integrator", "card-processor");

    private async Task RegisterAsync(string? nextAutopayOn = null)
    {
        var account = new JsonObject { ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = 15 } };
        if (nextAutopayOn is not null)
        {
            account["nextAutopayOn"] = nextAutopayOn;
        }

        Assert.True((await Client.PutJsonAsync("/api/accounts/acct-1001", account)).IsSuccessStatusCode);
    }

    private static JsonObject Hold(JsonObject dispute) => dispute["hold"]!.AsObject();

    private Task<HttpResponseMessage> ReportAsync(string kind, string at, string key, JsonObject? more = null)
    {
        var body = more ?? new JsonObject();
        body["idempotencyKey"] = key;
        body["kind"] = kind;
        body["at"] = at;
        return Integrator.PostJsonAsync("/api/accounts/acct-1001/activity", body);
    }

    [Fact]
    public async Task opening_a_protected_dispute_places_the_hold_from_the_notices_receipt()
    {
        await RegisterAsync();

        var dispute = await Client.OpenDisputeAsync();

        var hold = Hold(dispute);
        Assert.Equal("pending", hold["stage"].Str());
        Assert.False((bool)hold["released"]!);
        Assert.Equal(127.43m, (decimal)hold["amount"]!);
        Assert.Equal("2025-03-03T15:00:00Z", hold["placedAt"].Str());
        Assert.Equal(["collection", "autopay_deduction", "delinquent_report", "restriction"], hold["forbids"]!.AsArray().Select(f => f.Str()));
        Assert.Equal(["report_as_in_dispute"], hold["requires"]!.AsArray().Select(f => f.Str()));
        Assert.Equal("not_applicable", hold["autopay"]!["exclusion"].Str());
        Assert.Equal("hold_placed", dispute["steps"]!.AsArray().Last()!["type"].Str());
    }

    [Theory]
    [InlineData("en", "you do not need to pay the disputed $127.43")]
    [InlineData("es", "no necesita pagar los")]
    public async Task the_cardmember_is_told_they_need_not_pay_the_disputed_amount_now(string language, string words)
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();
        var cardmember = Service.ClientAs("cardmember", "cm-a", "acct-1001");
        cardmember.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        var mine = await (await cardmember.GetAsync($"/api/me/disputes/{dispute["caseNumber"]}")).BodyAsync();
        await Client.StepAsync(dispute, "withdrawal", new JsonObject());
        var withdrawn = await (await cardmember.GetAsync($"/api/me/disputes/{dispute["caseNumber"]}")).BodyAsync();

        Assert.Contains(words, mine["whilePending"].Str());
        Assert.Contains("127", mine["whilePending"].Str());
        Assert.Null(withdrawn["whilePending"]);
        Assert.DoesNotContain(mine["steps"]!.AsArray(), s => s!["text"].Str().Contains("hold", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task a_late_notice_holds_nothing()
    {
        await RegisterAsync();
        var intake = TestApi.Intake();
        intake["transactionDate"] = "2024-11-01";
        intake["statementTransmittedOn"] = "2024-11-16";

        var dispute = await Client.OpenDisputeAsync(intake);

        Assert.False((bool)dispute["fcbaProtected"]!);
        Assert.Null(dispute["hold"]);
    }

    [Theory]
    // Received Monday 03-03: a payment on Thursday 03-06 is three business days later, so it leaves the amount out.
    [InlineData("2025-03-06", "from_scheduled_payment", "2025-03-03")]
    // A payment on Wednesday 03-05 is two: its cut-off was Friday 02-28, so only later payments leave it out.
    [InlineData("2025-03-05", "from_later_payments", "2025-02-28")]
    public async Task the_autopay_cut_off_is_three_business_days_before_the_payment(string payment, string exclusion, string cutoff)
    {
        await RegisterAsync(payment);

        var autopay = Hold(await Client.OpenDisputeAsync())["autopay"]!;

        Assert.Equal(exclusion, autopay["exclusion"].Str());
        Assert.Equal(payment, autopay["scheduledOn"].Str());
        Assert.Equal(cutoff, autopay["cutoffOn"].Str());
    }

    [Fact]
    public async Task finance_charges_raise_the_hold_and_a_withdrawal_releases_it_at_once()
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();

        dispute = await Client.StepAsync(dispute, "finance-charges", new JsonObject { ["amount"] = 2.57m });
        Assert.Equal(130.00m, (decimal)Hold(dispute)["amount"]!);
        dispute = await Client.StepAsync(dispute, "withdrawal", new JsonObject { ["reason"] = "found it" });

        var hold = Hold(dispute);
        Assert.True((bool)hold["released"]!);
        Assert.Equal("withdrawn", hold["releasedBecause"].Str());
        Assert.Empty(hold["forbids"]!.AsArray());
    }

    [Fact]
    public async Task a_correction_releases_the_hold_with_the_credit()
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();

        dispute = await Client.StepAsync(dispute, "resolution", new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        Assert.Equal("corrected", Hold(dispute)["releasedBecause"].Str());
    }

    [Fact]
    public async Task an_explanation_holds_the_amount_owed_until_it_is_due_and_the_end_of_the_period_releases_it()
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-20T15:00:00Z");
        dispute = await Client.ResolveApprovedAsync(dispute, new JsonObject
        {
            ["outcome"] = "no_error", ["explanation"] = "The cardmember signed for the delivery.", ["amountOwed"] = 127.43m,
            ["paymentDueOn"] = "2025-04-20",
        }, Supervisor);

        var hold = Hold(dispute);
        Assert.Equal("payment_period", hold["stage"].Str());
        Assert.Equal("2025-04-20", hold["paymentDueOn"].Str());
        Assert.Equal("2025-04-21T04:00:00Z", hold["until"].Str());
        Assert.Contains("delinquent_report", hold["forbids"]!.AsArray().Select(f => f.Str()));
        Assert.Equal(1, await Service.ScalarAsync<long>(
            "select count(*) from disputes.wolverine_incoming_envelopes where message_type like '%HoldPeriodEnds%'"));

        Clock.SetNow("2025-04-21T04:00:00Z");
        var id = Guid.Parse(dispute["disputeId"].Str());
        await Service.App.Services.GetRequiredService<IMessageBus>()
            .InvokeAsync(new HoldPeriodEnds(id, InstantPattern.General.Parse("2025-04-21T04:00:00Z").Value));

        hold = Hold(await Client.GetDisputeAsync(dispute));
        Assert.Equal("payment_period_ended", hold["releasedBecause"].Str());
        Assert.Equal("2025-04-21T04:00:00Z", hold["releasedAt"].Str());
    }

    [Fact]
    public async Task a_reassertion_within_the_payment_period_lets_it_be_reported_only_as_in_dispute()
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-20T15:00:00Z");
        dispute = await Client.ResolveApprovedAsync(dispute, new JsonObject
        {
            ["outcome"] = "no_error", ["explanation"] = "Delivered and signed for.", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-20",
        }, Supervisor);

        dispute = await Service.ClientAs("supervisor", "sup-1").StepAsync(dispute, "reopening", new JsonObject { ["reason"] = "Never arrived." });

        Assert.Equal("payment_period_reasserted", Hold(dispute)["stage"].Str());
    }

    [Fact]
    public async Task a_collection_while_pending_is_a_violation_with_the_forfeiture_recorded_once_per_key()
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-10T15:00:00Z");
        var collection = new JsonObject { ["amount"] = 127.43m, ["balanceBefore"] = 127.43m };

        var first = await ReportAsync("collection_attempt", "2025-03-09T12:00:00Z", "coll-1", collection);
        var again = await ReportAsync("collection_attempt", "2025-03-09T12:00:00Z", "coll-1",
            new JsonObject { ["amount"] = 127.43m, ["balanceBefore"] = 127.43m });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var judgment = Assert.Single((await first.BodyAsync())["judgments"]!.AsArray())!;
        Assert.True((bool)judgment["violated"]!);
        Assert.Equal((await again.BodyAsync())["activityId"].Str(), (await first.BodyAsync())["activityId"].Str());
        dispute = await Client.GetDisputeAsync(dispute);
        var violation = Assert.Single(Hold(dispute)["violations"]!.AsArray())!;
        Assert.Equal("collection_attempt", violation["kind"].Str());
        Assert.Equal(50m, (decimal)dispute["forfeitureExposure"]!);
        Assert.Equal(1, await Service.ScalarAsync<long>("select count(*) from disputes.mt_events where type = 'hold_violated'"));
        var listed = await (await Service.ClientAs("compliance", "officer-1").GetAsync("/api/compliance/hold-violations")).BodyAsync();
        var item = Assert.Single(listed["items"]!.AsArray())!;
        Assert.Equal(dispute["caseNumber"].Str(), item["caseNumber"].Str());
        Assert.Equal("collection_attempt", item["violations"]![0]!["kind"].Str());
    }

    [Fact]
    public async Task a_report_as_in_dispute_is_allowed_and_recorded_as_such()
    {
        await RegisterAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-10T15:00:00Z");

        var response = await ReportAsync("bureau_report", "2025-03-09T12:00:00Z", "bureau-1", new JsonObject { ["status"] = "in_dispute" });

        var judgment = Assert.Single((await response.BodyAsync())["judgments"]!.AsArray())!;
        Assert.False((bool)judgment["violated"]!);
        dispute = await Client.GetDisputeAsync(dispute);
        Assert.Empty(Hold(dispute)["violations"]!.AsArray());
        Assert.Null(dispute["forfeitureExposure"]);
    }

    [Fact]
    public async Task bad_activity_is_refused_and_changes_nothing()
    {
        await RegisterAsync();
        await Client.OpenDisputeAsync();
        var before = await Service.EventCountAsync();

        var unknownKind = await ReportAsync("repossession", "2025-03-02T12:00:00Z", "k-1");
        var noStatus = await ReportAsync("bureau_report", "2025-03-02T12:00:00Z", "k-2");
        var future = await ReportAsync("collection_attempt", "2030-01-01T00:00:00Z", "k-3");
        var unknownAccount = await Integrator.PostJsonAsync("/api/accounts/acct-none/activity",
            new JsonObject { ["idempotencyKey"] = "k-4", ["kind"] = "collection_attempt", ["at"] = "2025-03-02T12:00:00Z" });
        var byAnAgent = await Client.PostJsonAsync("/api/accounts/acct-1001/activity",
            new JsonObject { ["idempotencyKey"] = "k-5", ["kind"] = "collection_attempt", ["at"] = "2025-03-02T12:00:00Z" });

        Assert.Contains("kind", (await unknownKind.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("status", (await noStatus.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Contains("at", (await future.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await unknownAccount.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, byAnAgent.StatusCode);
        Assert.Equal(before, await Service.EventCountAsync());
    }
}
