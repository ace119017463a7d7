using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Compliance;

public sealed class when_rebuilding_a_dispute_as_of_an_instant(ServiceFixture fixture) : ServiceTest(fixture)
{
    private Task<HttpResponseMessage> AsOfResponseAsync(JsonObject dispute, string query) =>
        Service.ClientAs("compliance").GetAsync($"/api/compliance/disputes/{dispute["disputeId"]}/as-of?{query}");

    private async Task<JsonObject> AsOfAsync(JsonObject dispute, string at)
    {
        var response = await AsOfResponseAsync(dispute, $"at={at}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private static string ClockOf(JsonObject dispute, string clock, string field = "status") => dispute["deadlines"]![clock]![field].Str();

    [Fact]
    public async Task the_dispute_is_shown_before_and_after_a_step()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-10T12:00:00Z");
        await Client.StepAsync(dispute, "acknowledgment");

        var before = await AsOfAsync(dispute, "2025-03-05T00:00:00Z");
        var after = await AsOfAsync(dispute, "2025-03-11T00:00:00Z");

        Assert.Equal("2025-03-05T00:00:00Z", before["asOf"].Str());
        Assert.Equal("open", before["status"].Str());
        Assert.Equal(2, (long)before["version"]!);
        Assert.Equal("pending", ClockOf(before, "acknowledgment"));
        Assert.Equal("2025-04-03T04:00:00Z", ClockOf(before, "acknowledgment", "breachesAt"));
        Assert.Equal(dispute["caseNumber"].Str(), before["caseNumber"].Str());

        Assert.Equal("acknowledged", after["status"].Str());
        Assert.Equal(4, (long)after["version"]!);
        Assert.Equal("met", ClockOf(after, "acknowledgment"));
        Assert.Equal(["dispute_opened", "hold_placed", "acknowledgment_sent", "notice_issued"], after["steps"]!.AsArray().Select(s => s!["type"].Str()));
    }

    [Fact]
    public async Task after_the_acknowledgment_due_date_the_clock_shows_breached_even_before_the_breach_is_recorded()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var onTheDueDate = await AsOfAsync(dispute, "2025-04-03T03:59:59Z");
        var afterIt = await AsOfAsync(dispute, "2025-04-05T00:00:00Z");

        Assert.Equal("pending", ClockOf(onTheDueDate, "acknowledgment"));
        Assert.Null(onTheDueDate["forfeitureExposure"]);
        Assert.Equal("breached", ClockOf(afterIt, "acknowledgment"));
        Assert.Equal("2025-04-03T04:00:00Z", ClockOf(afterIt, "acknowledgment", "breachedAt"));
        Assert.Equal("pending", ClockOf(afterIt, "resolution"));
        Assert.Equal(50m, (decimal)afterIt["forfeitureExposure"]!);

        // Nothing was stored: the breach is derived from time, the stream still holds its two opening events.
        Assert.Equal(2, (long)afterIt["version"]!);
        Assert.Equal(2, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_dispute_with_acknowledgment_escalation_breach_and_resolution_is_shown_at_each_stage()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-10T12:00:00Z");
        dispute = await Client.StepAsync(dispute, "escalation", new() { ["to"] = "supervisor", ["reason"] = "Large merchant, second opinion" });
        Clock.SetNow("2025-04-10T12:00:00Z");
        dispute = await Client.StepAsync(dispute, "acknowledgment"); // late: records the breach of April 3 first
        Clock.SetNow("2025-04-20T12:00:00Z");
        await Client.StepAsync(dispute, "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        var escalated = await AsOfAsync(dispute, "2025-03-11T00:00:00Z");
        Assert.Equal(("open", 3L, "supervisor"), (escalated["status"].Str(), (long)escalated["version"]!, escalated["escalatedTo"].Str()));
        Assert.Equal("pending", ClockOf(escalated, "acknowledgment"));

        var breached = await AsOfAsync(dispute, "2025-04-05T00:00:00Z");
        Assert.Equal(("open", 4L), (breached["status"].Str(), (long)breached["version"]!));
        Assert.Equal("breached", ClockOf(breached, "acknowledgment"));
        Assert.Equal(50m, (decimal)breached["forfeitureExposure"]!);

        var acknowledged = await AsOfAsync(dispute, "2025-04-11T00:00:00Z");
        Assert.Equal(("acknowledged", 6L), (acknowledged["status"].Str(), (long)acknowledged["version"]!));
        Assert.Equal("breached", ClockOf(acknowledged, "acknowledgment"));
        Assert.Equal("pending", ClockOf(acknowledged, "resolution"));

        var resolved = await AsOfAsync(dispute, "2025-04-21T00:00:00Z");
        Assert.Equal(("resolved", 9L), (resolved["status"].Str(), (long)resolved["version"]!));
        Assert.Equal("corrected", resolved["resolution"]!["outcome"].Str());
        Assert.Equal("breached", ClockOf(resolved, "acknowledgment"));
        Assert.Equal("met", ClockOf(resolved, "resolution"));
        Assert.Equal(
            ["dispute_opened", "hold_placed", "escalated", "deadline_breached", "acknowledgment_sent", "notice_issued", "resolved", "notice_issued",
             "hold_released"],
            resolved["steps"]!.AsArray().Select(s => s!["type"].Str()));
    }

    [Fact]
    public async Task an_intake_keyed_in_after_the_notice_arrived_counts_from_the_receipt()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-04-10T12:00:00Z");
        var dispute = await Client.OpenDisputeAsync(); // notice received 2025-03-03T15:00:00Z
        var history = await (await Service.ClientAs("compliance").GetAsync($"/api/compliance/disputes/{dispute["disputeId"]}/history")).BodyAsync();

        var meanwhile = await AsOfAsync(dispute, "2025-03-20T00:00:00Z");
        var pastTheDueDate = await AsOfAsync(dispute, "2025-04-05T00:00:00Z");

        Assert.Equal("2025-03-03T15:00:00Z", history["events"]![0]!["occurredAt"].Str());
        Assert.Equal(("open", "pending"), (meanwhile["status"].Str(), ClockOf(meanwhile, "acknowledgment")));
        Assert.Equal("breached", ClockOf(pastTheDueDate, "acknowledgment"));
    }

    [Fact]
    public async Task before_the_notice_was_received_the_dispute_did_not_exist()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var response = await AsOfResponseAsync(dispute, "at=2025-03-03T14:59:59Z");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_unknown_dispute_answers_404()
    {
        var response = await AsOfResponseAsync(new JsonObject { ["disputeId"] = Guid.NewGuid().ToString() }, "at=2025-04-01T00:00:00Z");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("at=")]
    [InlineData("at=2025-04-01")]
    [InlineData("at=yesterday")]
    public async Task a_missing_or_malformed_instant_answers_400(string query)
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var response = await AsOfResponseAsync(dispute, query);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at", problem.ErrorFields());
    }
}
