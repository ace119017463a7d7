using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Disputes.Tests.Timers;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// Rule book section 8 for the resolution letters and the request for documents by post: the step takes effect at once
/// (the dispute is resolved, the documents are asked for), the letter waits in the print queue, and only the mail vendor's
/// confirmation sends it: the correction or explanation then meets the resolution clock, and the acknowledgment clock when
/// that was still pending; the request for documents meets none. A breach due before the confirmation stays.
/// </summary>
public sealed class when_a_resolution_goes_by_post(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Vendor => Service.ClientAs("integrator", "mail-vendor");

    private HttpClient Compliance => Service.ClientAs("compliance", "cco");

    private static JsonObject CorrectionByPost => new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m, ["channel"] = "postal" };

    private Task<long> EventsOfTypeAsync(JsonObject dispute, string type) =>
        Service.ScalarAsync<long>($"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = '{type}'");

    private async Task<JsonObject> OpenedAsync()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-05T15:00:00Z");
        return dispute;
    }

    private async Task<JsonObject> BatchAsync()
    {
        var response = await Vendor.PostJsonAsync("/api/notices/print-batches", new JsonObject());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private async Task ConfirmAsync(JsonObject batch, string mailedAt)
    {
        var response = await Vendor.PostJsonAsync($"/api/notices/print-batches/{batch["batchId"]}/mailed", new JsonObject { ["mailedAt"] = mailedAt });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private string Now() => NodaTime.Text.InstantPattern.ExtendedIso.Format(Clock.GetCurrentInstant());

    private async Task<JsonObject> QueuedLetterAsync() => Assert.Single(await (await Compliance.GetAsync("/api/notices/print-queue")).BodyArrayAsync())!.AsObject();

    [Fact]
    public async Task a_correction_by_post_resolves_at_once_and_waits_in_the_print_queue_with_both_clocks_it_meets()
    {
        var dispute = await Client.StepAsync(await OpenedAsync(), "resolution", CorrectionByPost);

        Assert.Equal("resolved", dispute["status"].Str());
        Assert.True(dispute["resolution"]!["letterByPost"]!.GetValue<bool>());
        Assert.Equal("pending", dispute["deadlines"]!["resolution"]!["status"].Str());
        Assert.Equal("pending", dispute["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Empty(dispute["notices"]!.AsArray());
        Assert.Equal("correction", Assert.Single(dispute["queuedForPost"]!.AsArray())!["kind"].Str());
        Assert.DoesNotContain("reopening", dispute["allowedActions"]!.AsArray().Select(a => a.Str()));
        Assert.Equal(0, await EventsOfTypeAsync(dispute, "notice_issued"));
        Assert.True(dispute["hold"]!["released"]!.GetValue<bool>(), "A correction credits the account at once, so its hold ends at once.");

        // Received 2025-03-03 in New York: the acknowledgment clock (due 04-02) breaches first, then the resolution's (05-15).
        var letter = await QueuedLetterAsync();
        Assert.Equal(("correction", "acknowledgment", "2025-04-02", "2025-04-03T04:00:00Z"),
            (letter["kind"].Str(), letter["meets"].Str(), letter["dueOn"].Str(), letter["breachesAt"].Str()));
        Assert.Equal(["acknowledgment:2025-04-02", "resolution:2025-05-15"],
            letter["clocks"]!.AsArray().Select(c => $"{c!["clock"].Str()}:{c["dueOn"].Str()}"));

        var reopen = await Supervisor.CommandAsync(dispute, "reopening", new JsonObject { ["reason"] = "I still dispute it" });
        Assert.Equal("resolution_queued_for_post", (await reopen.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
    }

    [Fact]
    public async Task a_correction_mailed_in_time_meets_the_resolution_clock_and_the_acknowledgment_clock_at_the_mailing_instant()
    {
        var dispute = await Client.StepAsync(await OpenedAsync(), "resolution", CorrectionByPost);
        var batch = await BatchAsync();
        Clock.SetNow("2025-03-07T18:00:00Z");

        await ConfirmAsync(batch, "2025-03-06T21:30:00Z");

        var after = await Client.GetDisputeAsync(dispute);
        Assert.Equal(("met", "met_by_resolution"), (after["deadlines"]!["resolution"]!["status"].Str(), after["deadlines"]!["acknowledgment"]!["status"].Str()));
        Assert.StartsWith("2025-03-06T21:30:00", after["deadlines"]!["resolution"]!["metAt"].Str());
        Assert.StartsWith("2025-03-06T21:30:00", after["deadlines"]!["acknowledgment"]!["metAt"].Str());
        var notice = Assert.Single(after["notices"]!.AsArray())!;
        Assert.Equal(("correction", "postal"), (notice["kind"].Str(), notice["channel"].Str()));
        Assert.Empty(after["queuedForPost"]!.AsArray());
        Assert.Contains("reopening", after["allowedActions"]!.AsArray().Select(a => a.Str()));
        Assert.Empty(await (await Compliance.GetAsync("/api/notices/print-queue")).BodyArrayAsync());
    }

    [Fact]
    public async Task a_postal_resolution_not_yet_mailed_breaches_at_its_instant_and_the_later_mailing_leaves_it_breached()
    {
        await Client.RegisterAccountAsync("acct-utc", "Etc/UTC", closingDay: 15);
        // Received 2025-03-03, cycles closing on the 15th: the resolution is due 05-15 and breaches at 2025-05-16T00:00Z.
        Clock.SetNow("2025-05-15T23:59:54Z");
        var opened = await Client.OpenDisputeAsync(TestApi.Intake("acct-utc"));
        var dispute = await Client.StepAsync(opened, "resolution", CorrectionByPost);
        Assert.Equal("pending", dispute["deadlines"]!["resolution"]!["status"].Str());

        var breached = await when_a_deadline_passes.WaitForAsync(Client, dispute, d => d["deadlines"]!["resolution"]!["status"].Str() == "breached");

        Assert.Equal("2025-05-16T00:00:00Z", breached["deadlines"]!["resolution"]!["breachedAt"].Str());
        Assert.Equal("resolved", breached["status"].Str());
        Assert.Null((await QueuedLetterAsync())["meets"]);

        var batch = await BatchAsync();
        await ConfirmAsync(batch, Now());
        var mailed = await Client.GetDisputeAsync(dispute);
        Assert.Equal("breached", mailed["deadlines"]!["resolution"]!["status"].Str());
        Assert.Equal("postal", Assert.Single(mailed["notices"]!.AsArray())!["channel"].Str());
        Assert.Equal(1, await Service.ScalarAsync<long>(
            $"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'deadline_breached' and data->>'clock' = 'Resolution'"));
    }

    [Fact]
    public async Task a_denial_proposed_by_post_joins_the_print_queue_when_a_second_supervisor_approves_it()
    {
        var opened = await OpenedAsync();
        var denial = new JsonObject { ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches your signature", ["channel"] = "postal", ["language"] = "es" };

        var resolved = await Client.ResolveApprovedAsync(opened, denial, Supervisor);

        Assert.Equal("resolved", resolved["status"].Str());
        Assert.Equal("pending", resolved["deadlines"]!["resolution"]!["status"].Str());
        var queued = Assert.Single(resolved["queuedForPost"]!.AsArray())!;
        Assert.Equal(("explanation", "es"), (queued["kind"].Str(), queued["language"].Str()));
        Assert.Equal("explanation", (await QueuedLetterAsync())["kind"].Str());
    }

    [Fact]
    public async Task an_explanation_by_post_keeps_the_pending_hold_until_the_mailing_and_gives_the_full_payment_period_from_it()
    {
        var opened = await OpenedAsync();
        // Resolved 03-05: 25 days later, 03-30, is the earliest date the letter may give.
        var denial = new JsonObject
        {
            ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches your signature", ["amountOwed"] = 127.43m,
            ["paymentDueOn"] = "2025-03-30", ["channel"] = "postal",
        };
        var resolved = await Client.ResolveApprovedAsync(opened, denial, Supervisor);
        Assert.Equal("pending", resolved["hold"]!["stage"].Str());
        var batch = await BatchAsync();
        Clock.SetNow("2025-03-07T18:00:00Z");

        await ConfirmAsync(batch, "2025-03-07T15:00:00Z");

        // Mailed 03-07, two days after it was written: the cardmember still gets 25 days, to 04-01.
        var hold = (await Client.GetDisputeAsync(resolved))["hold"]!;
        Assert.Equal(("payment_period", "2025-04-01"), (hold["stage"].Str(), hold["paymentDueOn"].Str()));
    }

    [Fact]
    public async Task a_request_for_documents_by_post_is_recorded_at_once_and_its_mailing_meets_no_clock()
    {
        var opened = await OpenedAsync();

        var dispute = await Client.StepAsync(opened, "document-requests",
            new JsonObject { ["from"] = "cardmember", ["documents"] = "A receipt", ["respondBy"] = "2025-03-25", ["channel"] = "postal" });

        Assert.Contains(dispute["steps"]!.AsArray(), s => s!["type"].Str() == "documents_requested");
        Assert.Equal("documents_request", Assert.Single(dispute["queuedForPost"]!.AsArray())!["kind"].Str());
        var letter = await QueuedLetterAsync();
        Assert.Null(letter["meets"]);
        Assert.Empty(letter["clocks"]!.AsArray());

        await ConfirmAsync(await BatchAsync(), Now());

        var mailed = await Client.GetDisputeAsync(dispute);
        Assert.Equal(("documents_request", "postal"), (Assert.Single(mailed["notices"]!.AsArray())!["kind"].Str(), mailed["notices"]![0]!["channel"].Str()));
        Assert.Equal("pending", mailed["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("pending", mailed["deadlines"]!["resolution"]!["status"].Str());
    }

    [Fact]
    public async Task a_notice_of_reporting_by_post_is_refused_and_nothing_is_stored()
    {
        var opened = await OpenedAsync();
        var before = await Service.EventCountAsync();

        var response = await Client.CommandAsync(opened, "reporting", new JsonObject
        {
            ["stage"] = "reported", ["reportedOn"] = "2025-03-05", ["channel"] = "postal",
            ["parties"] = new JsonArray(new JsonObject { ["name"] = "Example Credit Bureau", ["address"] = new JsonArray("PO Box 1", "Atlanta, GA 30374") }),
        });

        Assert.Contains("channel", (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await Service.EventCountAsync());
    }
}
