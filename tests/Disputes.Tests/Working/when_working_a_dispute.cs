using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Working;

public sealed class when_working_a_dispute(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<JsonObject> OpenAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.OpenDisputeAsync();
    }

    [Fact]
    public async Task every_investigation_step_is_recorded_in_order_with_its_version()
    {
        var dispute = await OpenAsync();

        dispute = await Client.StepAsync(dispute, "acknowledgment");
        dispute = await Client.StepAsync(dispute, "provisional-credits", new() { ["amount"] = 127.43m });
        dispute = await Client.StepAsync(dispute, "document-requests", new() { ["from"] = "merchant", ["documents"] = "signed receipt" });
        dispute = await Client.StepAsync(dispute, "documents-received", new() { ["from"] = "merchant", ["documents"] = "receipt without signature" });
        dispute = await Client.StepAsync(dispute, "merchant-contacts", new() { ["summary"] = "Asked for proof of delivery" });
        dispute = await Client.StepAsync(dispute, "escalation", new() { ["to"] = "credit", ["reason"] = "Needs a credit decision" });
        dispute = await Client.StepAsync(dispute, "notes", new() { ["text"] = "Cardmember prefers email" });
        dispute = await Client.StepAsync(dispute, "finance-charges", new() { ["amount"] = 2.10m });

        var stored = await Client.GetDisputeAsync(dispute);
        Assert.Equal(12, (long)stored["version"]!);
        Assert.Equal(
            ["dispute_opened", "hold_placed", "acknowledgment_sent", "notice_issued", "provisional_credit_issued", "documents_requested", "documents_received",
             "merchant_contacted", "escalated", "note_added", "finance_charges_recorded", "hold_changed"],
            stored["steps"]!.AsArray().Select(s => s!["type"].Str()));
        Assert.Equal("acknowledged", stored["status"].Str());
        Assert.Equal("credit", stored["escalatedTo"].Str());
        Assert.Equal(127.43m, (decimal)stored["provisionalCredit"]!);
        Assert.Equal(2.10m, (decimal)stored["financeCharges"]!);
        Assert.Equal(12, await Service.EventCountAsync());
    }

    [Fact]
    public async Task resolving_with_a_correction_records_the_credit()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");

        var resolved = await Client.StepAsync(dispute, "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        Assert.Equal("resolved", resolved["status"].Str());
        Assert.Equal("corrected", resolved["resolution"]!["outcome"].Str());
        Assert.Equal(127.43m, (decimal)resolved["resolution"]!["creditedAmount"]!);
    }

    [Fact]
    public async Task resolving_with_no_error_and_money_owed_gives_the_accounts_payment_period()
    {
        // The account names no payment period: 25 days, more than the 10-day floor.
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");
        Clock.SetNow("2025-03-20T15:00:00Z");

        var tooEarly = await Client.CommandAsync(dispute, "resolution", new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-13",
        });
        var problem = await tooEarly.ProblemAsync(HttpStatusCode.BadRequest);
        var message = problem["errors"]!["paymentDueOn"]![0].Str();
        Assert.Contains("2025-04-14", message);
        Assert.Contains("25 days", message);
        Assert.Contains("10", message);
        Assert.Equal(4, await Service.EventCountAsync());

        var resolved = await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-14",
        }, Supervisor);
        Assert.Equal("2025-04-14", resolved["resolution"]!["paymentDueOn"].Str());
    }

    [Fact]
    public async Task after_a_missed_deadline_the_amount_owed_leaves_the_forfeiture_out()
    {
        // Acknowledgment due 04-02 never sent; explained on 04-10: 127.43 disputed, 50 forfeited.
        var dispute = await OpenAsync();
        Clock.SetNow("2025-04-10T15:00:00Z");

        var tooMuch = await Client.CommandAsync(dispute, "resolution", new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-05-05",
        });
        var message = (await tooMuch.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["amountOwed"]![0].Str();
        Assert.Contains("77.43", message);
        Assert.Equal(2, await Service.EventCountAsync());

        var resolved = await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 77.43m, ["paymentDueOn"] = "2025-05-05",
        }, Supervisor);
        Assert.Equal(50m, (decimal)resolved["resolution"]!["forfeitureApplied"]!);
        Assert.Equal(77.43m, (decimal)resolved["resolution"]!["amountOwed"]!);
    }

    [Fact]
    public async Task a_payment_period_shorter_than_10_days_still_gives_10()
    {
        var account = new JsonObject
        {
            ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = 15 }, ["paymentPeriodDays"] = 7,
        };
        Assert.True((await Client.PutJsonAsync("/api/accounts/acct-1001", account)).IsSuccessStatusCode);
        var dispute = await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
        Clock.SetNow("2025-03-20T15:00:00Z");

        var tooEarly = await Client.CommandAsync(dispute, "resolution", new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 50m, ["paymentDueOn"] = "2025-03-29",
        });
        var message = (await tooEarly.ProblemAsync(HttpStatusCode.BadRequest))["errors"]!["paymentDueOn"]![0].Str();
        Assert.Contains("2025-03-30", message);
        Assert.Contains("7 days", message);

        var resolved = await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 50m, ["paymentDueOn"] = "2025-03-30",
        }, Supervisor);
        Assert.Equal("resolved", resolved["status"].Str());
    }

    [Theory]
    [InlineData("notes")]
    [InlineData("document-requests")]
    [InlineData("acknowledgment")]
    [InlineData("resolution")]
    public async Task a_body_of_json_null_is_refused_and_changes_nothing(string step)
    {
        var dispute = await OpenAsync();
        var before = await Service.EventCountAsync();

        var response = await Client.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/{step}", null);

        Assert.Contains("body", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await Service.EventCountAsync());
    }

    [Fact]
    public async Task the_dispute_says_which_steps_its_state_allows()
    {
        static List<string> Allowed(JsonObject d) => d["allowedActions"]!.AsArray().Select(a => a.Str()).ToList();
        var open = await OpenAsync();
        var acknowledged = await Client.StepAsync(open, "acknowledgment");
        var resolved = await Client.StepAsync(acknowledged, "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });
        var withdrawn = await Client.StepAsync(await OpenAsync(), "withdrawal", new() { ["reason"] = "Found the purchase" });

        Assert.Equal(
            ["acknowledgment", "provisional-credits", "document-requests", "documents-received", "merchant-contacts", "escalation",
             "finance-charges", "resolution", "withdrawal", "notes"],
            Allowed(open));
        Assert.DoesNotContain("acknowledgment", Allowed(acknowledged));
        Assert.Contains("resolution", Allowed(acknowledged));
        Assert.Equal(["notes", "reopening"], Allowed(resolved));
        Assert.Equal(["notes"], Allowed(withdrawn));
    }

    [Fact]
    public async Task a_no_error_resolution_without_an_explanation_is_refused()
    {
        var dispute = await OpenAsync();

        var response = await Client.CommandAsync(dispute, "resolution", new() { ["outcome"] = "no_error" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("explanation", problem.ErrorFields());
        Assert.Equal(2, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_resolved_dispute_can_be_reopened_as_a_reassertion_and_resolved_again()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 10m });

        dispute = await Service.ClientAs("supervisor").StepAsync(dispute, "reopening", new() { ["reason"] = "Cardmember says the charge came back" });
        Assert.Equal("reopened", dispute["status"].Str());
        Assert.Equal("met", dispute["deadlines"]!["resolution"]!["status"].Str());

        dispute = await Client.ResolveApprovedAsync(dispute, new() { ["outcome"] = "no_error", ["explanation"] = "Same charge, already corrected" }, Supervisor);
        Assert.Equal("resolved", dispute["status"].Str());
    }

    [Fact]
    public async Task acknowledging_twice_answers_409_with_a_reason_and_appends_nothing()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");

        var response = await Client.CommandAsync(dispute, "acknowledgment");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already acknowledged", problem["detail"].Str());
        Assert.Equal("already_acknowledged", problem["rule"].Str());
        Assert.Equal(4, await Service.EventCountAsync());
    }

    [Theory]
    [InlineData("resolution", "{\"outcome\":\"corrected\",\"creditedAmount\":5}")]
    [InlineData("acknowledgment", "{}")]
    [InlineData("escalation", "{\"to\":\"supervisor\",\"reason\":\"x\"}")]
    [InlineData("withdrawal", "{}")]
    public async Task a_withdrawn_dispute_cannot_be_worked(string step, string body)
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "withdrawal", new() { ["reason"] = "Found the purchase" });

        var response = await Client.CommandAsync(dispute, step, JsonNode.Parse(body)!.AsObject());

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("withdrew", problem["detail"].Str());
        Assert.Equal(4, await Service.EventCountAsync());
    }

    [Fact]
    public async Task reopening_a_dispute_that_is_not_resolved_is_refused()
    {
        var dispute = await OpenAsync();

        var response = await Service.ClientAs("supervisor").CommandAsync(dispute, "reopening", new() { ["reason"] = "again" });

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task a_stale_version_answers_409_and_appends_nothing()
    {
        var dispute = await OpenAsync();
        await Client.StepAsync(dispute, "notes", new() { ["text"] = "first" });

        var stale = await Client.CommandAsync(dispute, "acknowledgment", version: 1);

        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("version", problem["detail"].Str());
        Assert.Equal(3, await Service.EventCountAsync());
    }

    [Fact]
    public async Task the_version_can_come_in_an_if_match_header()
    {
        var dispute = await OpenAsync();
        var get = await Client.GetAsync($"/api/disputes/{dispute["disputeId"]}");
        var etag = get.Headers.ETag!.Tag;

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/disputes/{dispute["disputeId"]}/acknowledgment")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"4\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task a_command_without_a_version_answers_428()
    {
        var dispute = await OpenAsync();

        var response = await Client.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/acknowledgment", new JsonObject());

        await response.ProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(2, await Service.EventCountAsync());
    }

    [Fact]
    public async Task fifty_concurrent_commands_on_one_version_let_exactly_one_win()
    {
        var dispute = await OpenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Client.CommandAsync(dispute, "notes", new() { ["text"] = $"note {i}" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(3, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_command_on_an_unknown_dispute_answers_404()
    {
        var response = await Client.PostJsonAsync($"/api/disputes/{Guid.NewGuid()}/acknowledgment", new JsonObject { ["expectedVersion"] = 1 });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("acknowledgment")]
    [InlineData("finance-charges")]
    [InlineData("notes")]
    public async Task a_command_on_the_empty_id_answers_404(string step)
    {
        var response = await Client.PostJsonAsync($"/api/disputes/{Guid.Empty}/{step}",
            new JsonObject { ["expectedVersion"] = 1, ["amount"] = 1.25m, ["text"] = "x" });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
