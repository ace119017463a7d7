using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Accounts;

/// <summary>
/// Rule book section 3: a past closing recorded wrongly is fixed by an explicit, audited correction (supervisor or
/// compliance, with a reason). A dispute received 2025-03-03 at 15:00Z and acknowledged at once.
/// </summary>
public sealed class when_a_past_closing_is_corrected(ServiceFixture fixture) : ServiceTest(fixture)
{
    private const string Corrections = "/api/accounts/acct-1001/past-closings/corrections";

    private HttpClient Officer => Service.ClientAs("compliance", "officer-3");

    private static JsonObject Correction(string? recorded, string correct, string? reason = "The March statement run slipped two days.")
    {
        var body = new JsonObject { ["correctClosingDate"] = correct };
        if (recorded is not null)
        {
            body["recordedClosingDate"] = recorded;
        }

        if (reason is not null)
        {
            body["reason"] = reason;
        }

        return body;
    }

    private async Task<JsonObject> AcknowledgedDisputeAsync(int closingDay)
    {
        await Client.RegisterAccountAsync(closingDay: closingDay);
        return await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
    }

    private async Task<List<string>> EventTypesAsync(JsonObject dispute) =>
        (await Service.ScalarAsync<string>(
            $"select string_agg(type, ',' order by version) from disputes.mt_events where stream_id = '{dispute["disputeId"]}'")).Split(',').ToList();

    private async Task<JsonObject> CorrectAsync(HttpClient client, JsonObject body)
    {
        var response = await Service.AndItsMessagesAsync(() => client.PostJsonAsync(Corrections, body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    [Fact]
    public async Task an_earlier_deadline_that_has_already_passed_is_breached_at_once()
    {
        // Closing on the 2nd: C0 04-02, C2 06-02, so due 06-01 (the cap). On 05-05 the 03-02 closing turns out to have
        // been 03-04, after the receipt: C2 becomes 05-02, which breached at 05-03T04:00Z.
        var dispute = await AcknowledgedDisputeAsync(closingDay: 2);
        Assert.Equal("2025-06-01", dispute["deadlines"]!["resolution"]!["dueOn"].Str());
        Clock.SetNow("2025-05-05T15:00:00Z");

        var account = await CorrectAsync(Officer, Correction("2025-03-02", "2025-03-04"));

        Assert.Equal(1, (int)account["recomputedDisputes"]!);
        var corrected = Assert.Single(account["closingCorrections"]!.AsArray())!;
        Assert.Equal(("2025-03-02", "2025-03-04"), (corrected["recordedOn"].Str(), corrected["closedOn"].Str()));
        Assert.Equal(2, (int)account["billingCycle"]!["closingDay"]!);
        dispute = await Client.GetDisputeAsync(dispute);
        var resolution = dispute["deadlines"]!["resolution"]!;
        Assert.Equal(("breached", "2025-05-02", "two_cycles"), (resolution["status"].Str(), resolution["dueOn"].Str(), resolution["basis"].Str()));
        Assert.Equal("2025-05-03T04:00:00Z", resolution["breachedAt"].Str());
        var types = await EventTypesAsync(dispute);
        Assert.Equal(["resolution_deadline_recomputed", "deadline_breached"], types[^2..]);
        Assert.Contains(dispute["steps"]!.AsArray(), s => s!["summary"].Str().StartsWith("Past closing corrected (2025-03-02 really closed on 2025-03-04)", StringComparison.Ordinal));
        Assert.NotNull(dispute["forfeitureExposure"]);
    }

    [Fact]
    public async Task a_recorded_breach_stays_and_its_deadline_does_not_move()
    {
        // Closing on the 15th: due 05-15, breached 05-16T04:00Z. On 05-20 the 05-15 closing is corrected to 05-12.
        var dispute = await AcknowledgedDisputeAsync(closingDay: 15);
        Clock.SetNow("2025-05-20T14:00:00Z");

        var account = await CorrectAsync(Service.ClientAs("supervisor", "sup-4"), Correction("2025-05-15", "2025-05-12"));

        Assert.Equal(0, (int)account["recomputedDisputes"]!);
        dispute = await Client.GetDisputeAsync(dispute);
        var resolution = dispute["deadlines"]!["resolution"]!;
        Assert.Equal(("breached", "2025-05-15", "2025-05-16T04:00:00Z"), (resolution["status"].Str(), resolution["dueOn"].Str(), resolution["breachedAt"].Str()));
        var types = await EventTypesAsync(dispute);
        Assert.Single(types, t => t == "deadline_breached");
        Assert.DoesNotContain("resolution_deadline_recomputed", types);
    }

    [Fact]
    public async Task a_closing_the_calendar_lacked_is_added_and_the_dispute_leaves_the_calendar_attention_list()
    {
        var listed = new JsonObject
        {
            ["timeZone"] = "America/New_York",
            ["billingCycle"] = new JsonObject { ["closingDates"] = new JsonArray("2025-03-15", "2025-04-15", "2025-05-15") },
        };
        Assert.True((await Client.PutJsonAsync("/api/accounts/acct-1001", listed)).IsSuccessStatusCode);
        var dispute = await Client.OpenDisputeAsync();
        Assert.Single((await (await Officer.GetAsync("/api/compliance/calendar-attention")).BodyAsync())["items"]!.AsArray());
        Clock.SetNow("2025-03-10T15:00:00Z");

        var account = await CorrectAsync(Officer, Correction(null, "2025-02-15", "February's closing was never loaded."));

        Assert.Null(Assert.Single(account["closingCorrections"]!.AsArray())!["recordedOn"]);
        Assert.Empty((await (await Officer.GetAsync("/api/compliance/calendar-attention")).BodyAsync())["items"]!.AsArray());
        var resolution = (await Client.GetDisputeAsync(dispute))["deadlines"]!["resolution"]!;
        Assert.Equal(("pending", "2025-05-15", "two_cycles"), (resolution["status"].Str(), resolution["dueOn"].Str(), resolution["basis"].Str()));
        Assert.Null(resolution["capReason"]);
    }

    [Fact]
    public async Task the_account_history_shows_who_corrected_what_and_why()
    {
        await Client.RegisterAccountAsync(closingDay: 2);
        Clock.SetNow("2025-03-10T15:00:00Z");
        var request = new HttpRequestMessage(HttpMethod.Post, Corrections)
        {
            Content = new StringContent(Correction("2025-03-02", "2025-03-04").ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-Id", "closing-fix-1");
        Assert.Equal(HttpStatusCode.OK, (await Officer.SendAsync(request)).StatusCode);

        var response = await Officer.GetAsync("/api/compliance/accounts/acct-1001/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = (await response.BodyAsync())["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(["account_registered", "past_closing_corrected"], events.Select(e => e["type"].Str()));
        Assert.Equal(["agent:agent-7", "compliance:officer-3"], events.Select(e => e["actor"].Str()));
        var correction = events[1];
        Assert.Equal("closing-fix-1", correction["correlationId"].Str());
        Assert.Equal("The March statement run slipped two days.", correction["data"]!["reason"].Str());
        Assert.Equal(("2025-03-02", "2025-03-04"), (correction["data"]!["recordedClosingDate"].Str(), correction["data"]!["correctClosingDate"].Str()));
        await (await Officer.GetAsync("/api/compliance/accounts/acct-unknown/history")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task without_a_reason_it_is_refused_and_nothing_is_recorded()
    {
        await Client.RegisterAccountAsync(closingDay: 2);
        Clock.SetNow("2025-03-10T15:00:00Z");

        var missing = await (await Officer.PostJsonAsync(Corrections, Correction("2025-03-02", "2025-03-04", reason: null))).ProblemAsync(HttpStatusCode.BadRequest);
        var blank = await (await Officer.PostJsonAsync(Corrections, Correction("2025-03-02", "2025-03-04", reason: "   "))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["reason"], missing.ErrorFields());
        Assert.Equal(["reason"], blank.ErrorFields());
        Assert.Equal(1, (long)(await (await Client.GetAsync("/api/accounts/acct-1001")).BodyAsync())["version"]!);
    }

    [Fact]
    public async Task a_reason_holding_a_card_number_is_refused_unstored()
    {
        await Client.RegisterAccountAsync(closingDay: 2);
        Clock.SetNow("2025-03-10T15:00:00Z");

        var response = await Officer.PostJsonAsync(Corrections, Correction("2025-03-02", "2025-03-04", "Cardmember 4111 1111 1111 1111 called about it."));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["reason"], problem.ErrorFields());
        Assert.DoesNotContain("4111", problem.ToJsonString());
        Assert.Equal(1, (long)(await (await Client.GetAsync("/api/accounts/acct-1001")).BodyAsync())["version"]!);
    }

    [Fact]
    public async Task an_agent_may_not_correct_a_closing()
    {
        await Client.RegisterAccountAsync(closingDay: 2);
        Clock.SetNow("2025-03-10T15:00:00Z");

        await (await Client.PostJsonAsync(Corrections, Correction("2025-03-02", "2025-03-04"))).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(1, (long)(await (await Client.GetAsync("/api/accounts/acct-1001")).BodyAsync())["version"]!);
    }

    [Fact]
    public async Task a_closing_still_ahead_or_an_unknown_account_is_refused()
    {
        await Client.RegisterAccountAsync(closingDay: 2);
        Clock.SetNow("2025-03-10T15:00:00Z");

        var ahead = await (await Officer.PostJsonAsync(Corrections, Correction("2025-04-02", "2025-04-01"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("recordedClosingDate", ahead.ErrorFields());
        Assert.Contains("correctClosingDate", ahead.ErrorFields());

        var notClosing = await (await Officer.PostJsonAsync(Corrections, Correction("2025-03-03", "2025-03-04"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2025-03-02", notClosing["errors"]!["recordedClosingDate"]![0].Str());

        await (await Officer.PostJsonAsync("/api/accounts/acct-unknown/past-closings/corrections", Correction("2025-03-02", "2025-03-04")))
            .ProblemAsync(HttpStatusCode.NotFound);
    }
}
