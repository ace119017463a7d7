using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// 1026.13(g)(4): after an explanation with money owed, the cardmember disputes it again within the payment period; the
/// issuer may report it only as in dispute, must name each party it reported to, and later report the resolution to
/// them. Recording each report issues the notice of reporting.
/// </summary>
public sealed class when_the_amount_reasserted_is_reported(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static JsonObject Report(string stage, string reportedOn, params (string Name, string[] Address)[] parties) => new()
    {
        ["stage"] = stage,
        ["reportedOn"] = reportedOn,
        ["parties"] = new JsonArray([.. parties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["address"] = new JsonArray([.. p.Address.Select(l => (JsonNode)l)]) })]),
    };

    private static readonly (string, string[]) Experian = ("Experian", ["P.O. Box 2002", "Allen, TX 75013"]);

    /// <summary>Explained on 03-20 with 127.43 owed by 04-20; reasserted on 04-01, inside the payment period.</summary>
    private async Task<JsonObject> ReassertedAsync()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
        Clock.SetNow("2025-03-20T15:00:00Z");
        dispute = await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches.", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-20",
        }, Supervisor);
        Clock.SetNow("2025-04-01T15:00:00Z");
        return await Supervisor.StepAsync(dispute, "reopening", new() { ["reason"] = "The cardmember disputes the amount owed again." });
    }

    [Fact]
    public async Task the_report_and_later_its_resolution_each_send_the_letter_naming_the_parties()
    {
        var reasserted = await ReassertedAsync();
        Assert.Contains("reporting", reasserted["allowedActions"]!.AsArray().Select(a => a.Str()));
        Clock.SetNow("2025-04-25T15:00:00Z");

        var reported = await Client.StepAsync(reasserted, "reporting", Report("reported", "2025-04-24", Experian, ("Equifax", ["P.O. Box 740256", "Atlanta, GA 30374"])));

        var letter = reported["notices"]!.AsArray()[^1]!;
        Assert.Equal("reporting", letter["kind"].Str());
        var types = reported["steps"]!.AsArray().Select(s => s!["type"].Str()).ToList();
        Assert.Equal(types.IndexOf("reporting_recorded") + 1, types.LastIndexOf("notice_issued"));
        Assert.Contains("Experian, Equifax", reported["steps"]!.AsArray().Single(s => s!["type"].Str() == "reporting_recorded")!["summary"].Str());
        var html = await Client.GetStringAsync($"/api/disputes/{reported["disputeId"]}/notices/{letter["noticeId"]}/html");
        Assert.Contains("Experian", html);
        Assert.Contains("P.O. Box 740256", html);

        var tooSoon = await Client.CommandAsync(reported, "reporting", Report("resolution_reported", "2025-04-25", Experian));
        Assert.Equal("not_resolved_again", (await tooSoon.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());

        var resolved = await Client.StepAsync(reported, "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });
        var told = await Client.StepAsync(resolved, "reporting", Report("resolution_reported", "2025-04-25", Experian, ("Equifax", ["P.O. Box 740256", "Atlanta, GA 30374"])));

        Assert.Equal(["acknowledgment", "explanation", "reporting", "correction", "reporting"], told["notices"]!.AsArray().Select(n => n!["kind"].Str()));
    }

    [Fact]
    public async Task without_a_reassertion_in_the_payment_period_there_is_nothing_to_report_and_nothing_is_stored()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        var before = await Service.EventCountAsync();

        var response = await Client.CommandAsync(dispute, "reporting", Report("reported", "2025-03-03", Experian));

        Assert.Equal("no_reporting_duty", (await response.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.DoesNotContain("reporting", dispute["allowedActions"]!.AsArray().Select(a => a.Str()));
        Assert.Equal(before, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_party_without_an_address_a_report_dated_tomorrow_or_a_resolution_before_the_report_is_refused()
    {
        var reasserted = await ReassertedAsync();
        var before = await Service.EventCountAsync();

        var noAddress = await Client.CommandAsync(reasserted, "reporting", Report("reported", "2025-04-01", ("Experian", [])));
        var tomorrow = await Client.CommandAsync(reasserted, "reporting", Report("reported", "2025-04-02", Experian));
        var noParty = await Client.CommandAsync(reasserted, "reporting", Report("reported", "2025-04-01"));
        var unknownStage = await Client.CommandAsync(reasserted, "reporting", Report("told_someone", "2025-04-01", Experian));
        var resolutionFirst = await Client.CommandAsync(reasserted, "reporting", Report("resolution_reported", "2025-04-01", Experian));

        Assert.Equal(["parties"], (await noAddress.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["reportedOn"], (await tomorrow.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["parties"], (await noParty.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["stage"], (await unknownStage.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal("nothing_reported_yet", (await resolutionFirst.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal(before, await Service.EventCountAsync());
    }
}
