using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Domain.Streams;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Compliance;

public sealed class when_auditing_a_dispute_history(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Compliance => Service.ClientAs("compliance", "officer-3");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, JsonObject body, string correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Correlation-Id", correlationId);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    private async Task<JsonObject> HistoryAsync(JsonObject dispute)
    {
        var response = await Compliance.GetAsync($"/api/compliance/disputes/{dispute["disputeId"]}/history");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    [Fact]
    public async Task every_event_shows_its_actor_correlation_id_and_version_oldest_first()
    {
        await Client.RegisterAccountAsync();
        var opened = await (await SendAsync(Client, "/api/disputes", TestApi.Intake(), "chat-open-1")).BodyAsync();
        Clock.SetNow("2025-03-05T10:00:00Z");
        await SendAsync(Client, $"/api/disputes/{opened["disputeId"]}/acknowledgment", new() { ["expectedVersion"] = 2 }, "ack-2");
        Clock.SetNow("2025-03-06T10:00:00Z");
        await SendAsync(Service.ClientAs("supervisor", "sup-4"), $"/api/disputes/{opened["disputeId"]}/escalation",
            new() { ["expectedVersion"] = 4, ["to"] = "credit", ["reason"] = "Needs a credit decision" }, "esc-3");

        var history = await HistoryAsync(opened);

        Assert.Equal(opened["caseNumber"].Str(), history["caseNumber"].Str());
        var events = history["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], events.Select(e => (long)e["version"]!));
        Assert.Equal(["dispute_opened", "hold_placed", "acknowledgment_sent", "notice_issued", "dispute_escalated"], events.Select(e => e["type"].Str()));
        Assert.Equal(["agent:agent-7", "agent:agent-7", "agent:agent-7", "agent:agent-7", "supervisor:sup-4"], events.Select(e => e["actor"].Str()));
        Assert.Equal(["chat-open-1", "chat-open-1", "ack-2", "ack-2", "esc-3"], events.Select(e => e["correlationId"].Str()));
        // The hold stands from the notice's receipt, like the dispute itself.
        Assert.Equal(["2025-03-03T15:00:00Z", "2025-03-03T15:00:00Z", "2025-03-05T10:00:00Z", "2025-03-05T10:00:00Z", "2025-03-06T10:00:00Z"],
            events.Select(e => e["occurredAt"].Str()[..19] + "Z"));

        // The store's own timestamp is when the row was written (real time), not the business instant.
        Assert.All(events, e => Assert.True(DateTimeOffset.Parse(e["timestamp"].Str()) > new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("XYZ Store", events[0]["data"]!["merchant"].Str());
        Assert.Equal("credit", events[4]["data"]!["to"].Str());
    }

    [Fact]
    public async Task a_breach_recorded_by_a_later_command_shows_the_breach_instant_and_who_recorded_it()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-04-10T12:00:00Z");
        Assert.True((await Client.CommandAsync(dispute, "acknowledgment")).IsSuccessStatusCode);

        var events = (await HistoryAsync(dispute))["events"]!.AsArray();

        Assert.Equal(["dispute_opened", "hold_placed", "deadline_breached", "acknowledgment_sent", "notice_issued"], events.Select(e => e!["type"].Str()));
        Assert.Equal("2025-04-03T04:00:00Z", events[2]!["occurredAt"].Str());
        Assert.Equal("acknowledgment", events[2]!["data"]!["clock"].Str());
        Assert.Equal("agent:agent-7", events[2]!["actor"].Str());
    }

    [Fact]
    public async Task an_unknown_dispute_answers_404()
    {
        var response = await Compliance.GetAsync($"/api/compliance/disputes/{Guid.NewGuid()}/history");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_account_stream_is_not_a_dispute_history()
    {
        await Client.RegisterAccountAsync();

        var response = await Compliance.GetAsync($"/api/compliance/disputes/{StreamIds.ForAccount("acct-1001")}/history");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
