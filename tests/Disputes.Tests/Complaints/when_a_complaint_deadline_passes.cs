using System.Text.Json.Nodes;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Complaints;

/// <summary>
/// A complaint's breach is recorded by a real durable scheduled message at its breach instant, as a dispute's is. Each test
/// sets the clock a few seconds before one and waits for the timer.
/// </summary>
public sealed class when_a_complaint_deadline_passes(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private Task<JsonObject> WaitForAsync(JsonObject complaint, Func<JsonObject, bool> condition) =>
        Eventually.UntilAsync(() => Client.GetComplaintAsync(complaint), condition, "the complaint's deadline to move", Patience);

    [Fact]
    public async Task an_unanswered_complaint_breaches_its_response_deadline_on_its_own_and_the_timer_is_the_actor()
    {
        await Client.RegisterAccountAsync("acct-utc", "Etc/UTC");
        // Received 2025-03-03: the response is due 03-18 and breaches at 2025-03-19T00:00Z.
        Clock.SetNow("2025-03-18T23:59:57Z");
        var complaint = await Client.LogComplaintAsync(ComplaintApi.Complaint("acct-utc"));
        Assert.Equal("pending", complaint["deadlines"]!["response"]!["status"].Str());

        var breached = await WaitForAsync(complaint, c => c["deadlines"]!["response"]!["status"].Str() == "breached");

        Assert.Equal("2025-03-19T00:00:00Z", breached["deadlines"]!["response"]!["breachedAt"].Str());
        Assert.Equal("pending", breached["deadlines"]!["finalResponse"]!["status"].Str());
        var history = await (await Service.ClientAs("compliance").GetAsync($"/api/compliance/complaints/{complaint["complaintId"]}/history")).BodyAsync();
        var breach = history["events"]!.AsArray().Single(e => e!["type"].Str() == "complaint_deadline_breached")!;
        Assert.Equal("system:deadline-timer", breach["actor"].Str());
        Assert.Equal("2025-03-19T00:00:00Z", breach["occurredAt"].Str());
    }

    [Fact]
    public async Task an_answer_before_the_timer_fires_keeps_the_deadline_met()
    {
        await Client.RegisterAccountAsync("acct-utc", "Etc/UTC");
        Clock.SetNow("2025-03-18T23:59:58Z");
        var complaint = await Client.LogComplaintAsync(ComplaintApi.Complaint("acct-utc"));
        await Client.ComplaintStepAsync(complaint, "response", new() { ["text"] = "Refunded." });

        // Once the response timer (the only one due within a day of real time) has been handled, nothing more can come.
        await Eventually.UntilAsync(
            () => Service.ScalarAsync<long>(
                "select count(*) from disputes.wolverine_incoming_envelopes where message_type like '%ComplaintDeadlineTimer%' " +
                "and status <> 'Handled' and (execution_time is null or execution_time < now() + interval '1 day')"),
            waiting => waiting == 0, "the response timer to be handled", Patience);

        var current = await Client.GetComplaintAsync(complaint);
        Assert.Equal("met", current["deadlines"]!["response"]!["status"].Str());
        Assert.DoesNotContain(current["steps"]!.AsArray(), s => s!["type"].Str() == "complaint_deadline_breached");
    }

    [Fact]
    public async Task a_late_answer_records_the_breach_first_so_it_never_counts_as_in_time()
    {
        await Client.RegisterAccountAsync();
        var complaint = await Client.LogComplaintAsync();
        // The timer of the 03-19 breach is still minutes of real time away; the answer finds the breach due itself.
        Clock.SetNow("2025-03-20T12:00:00Z");

        var answered = await Client.ComplaintStepAsync(complaint, "response", new() { ["text"] = "Sorry for the wait; refunded." });

        Assert.Equal("breached", answered["deadlines"]!["response"]!["status"].Str());
        Assert.Equal("2025-03-19T04:00:00Z", answered["deadlines"]!["response"]!["breachedAt"].Str());
        Assert.StartsWith("2025-03-20T12:00", answered["deadlines"]!["response"]!["doneAt"].Str());
        Assert.Equal(["complaint_received", "complaint_deadline_breached", "complaint_responded"], answered["steps"]!.AsArray().Select(s => s!["type"].Str()));
    }
}
