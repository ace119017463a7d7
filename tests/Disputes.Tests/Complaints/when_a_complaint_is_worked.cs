using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Complaints;

public sealed class when_a_complaint_is_worked(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<JsonObject> LoggedAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.LogComplaintAsync();
    }

    [Fact]
    public async Task it_goes_from_received_to_review_to_responded_to_closed_each_answer_at_the_next_version()
    {
        var complaint = await LoggedAsync();
        Clock.SetNow("2025-03-05T14:00:00Z");

        var reviewed = await Client.ComplaintStepAsync(complaint, "review");
        Assert.Equal("in_review", reviewed["status"].Str());
        Assert.Equal(2, (long)reviewed["version"]!);

        var responded = await Client.ComplaintStepAsync(reviewed, "response", new() { ["text"] = "We have refunded the late fee of $39." });
        Assert.Equal("responded", responded["status"].Str());
        Assert.Equal("We have refunded the late fee of $39.", responded["response"]!["text"].Str());
        Assert.Equal("met", responded["deadlines"]!["response"]!["status"].Str());
        Assert.Equal("pending", responded["deadlines"]!["finalResponse"]!["status"].Str());
        Assert.Equal(["closing"], responded["allowedActions"]!.AsArray().Select(a => a.Str()));

        var closed = await Client.ComplaintStepAsync(responded, "closing");
        Assert.Equal("closed", closed["status"].Str());
        Assert.Equal("met", closed["deadlines"]!["finalResponse"]!["status"].Str());
        Assert.NotNull(closed["closedAt"]);
        Assert.Equal(["reopening"], closed["allowedActions"]!.AsArray().Select(a => a.Str()));

        var reopened = await Client.ComplaintStepAsync(closed, "reopening", new() { ["reason"] = "The cardmember says a second fee was charged" });
        Assert.Equal("reopened", reopened["status"].Str());
        Assert.Equal(5, (long)reopened["version"]!);
        Assert.Equal(
            ["complaint_received", "complaint_review_started", "complaint_responded", "complaint_closed", "complaint_reopened"],
            reopened["steps"]!.AsArray().Select(s => s!["type"].Str()));
    }

    [Fact]
    public async Task responding_to_a_closed_complaint_is_refused_with_its_rule_and_nothing_is_stored()
    {
        var complaint = await LoggedAsync();
        var responded = await Client.ComplaintStepAsync(complaint, "response", new() { ["text"] = "Refunded." });
        var closed = await Client.ComplaintStepAsync(responded, "closing");

        var response = await Client.ComplaintCommandAsync(closed, "response", new() { ["text"] = "One more thing." });

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("complaint_closed", problem["rule"].Str());
        Assert.Equal(3, (long)(await Client.GetComplaintAsync(complaint))["version"]!);
    }

    [Theory]
    [InlineData("closing", "not_responded")]
    [InlineData("reopening", "not_closed")]
    public async Task a_step_its_state_does_not_allow_is_refused_with_the_rule_that_refused_it(string step, string rule)
    {
        var complaint = await LoggedAsync();

        var response = await Client.ComplaintCommandAsync(complaint, step, new() { ["reason"] = "Disagrees" });

        Assert.Equal(rule, (await response.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
    }

    [Fact]
    public async Task a_step_decided_on_an_old_version_is_refused_and_one_without_a_version_is_asked_for_it()
    {
        var complaint = await LoggedAsync();
        await Client.ComplaintStepAsync(complaint, "review");

        var stale = await Client.ComplaintCommandAsync(complaint, "response", new() { ["text"] = "Refunded." }, version: 1);
        var problem = await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/version-conflict", problem["type"].Str());
        Assert.Contains("complaint is at version 2", problem["detail"].Str());

        var unversioned = await Client.PostJsonAsync($"/api/complaints/{complaint["complaintId"]}/response", new JsonObject { ["text"] = "Refunded." });
        Assert.EndsWith("/version-required", (await unversioned.ProblemAsync(HttpStatusCode.PreconditionRequired))["type"].Str());
        Assert.Equal("in_review", (await Client.GetComplaintAsync(complaint))["status"].Str());
    }

    [Fact]
    public async Task of_steps_decided_on_the_same_version_at_once_exactly_one_is_stored()
    {
        var complaint = await LoggedAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Service.ClientAs("agent", $"agent-{i}").ComplaintCommandAsync(complaint, "response", new() { ["text"] = $"Answer {i}" }, version: 1)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            // Refused either by the version check or, when both passed it, by the commit: the same answer either way.
            var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
            Assert.EndsWith("/version-conflict", problem["type"].Str());
            Assert.Equal("Someone else changed this complaint.", problem["title"].Str());
        }

        var stored = await Client.GetComplaintAsync(complaint);
        Assert.Equal(2, (long)stored["version"]!);
        Assert.Single(stored["steps"]!.AsArray(), s => s!["type"].Str() == "complaint_responded");
    }

    [Fact]
    public async Task the_version_may_come_as_if_match_as_for_a_dispute()
    {
        var complaint = await LoggedAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/complaints/{complaint["complaintId"]}/review")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("response", "text", "")]
    [InlineData("reopening", "reason", " ")]
    public async Task missing_text_is_refused_naming_the_field(string step, string field, string value)
    {
        var complaint = await LoggedAsync();

        var response = await Client.ComplaintCommandAsync(complaint, step, new() { [field] = value });

        Assert.Equal([field], (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(1, (long)(await Client.GetComplaintAsync(complaint))["version"]!);
    }

    [Fact]
    public async Task a_response_holding_a_social_security_number_is_refused_before_anything_is_stored()
    {
        var complaint = await LoggedAsync();

        var response = await Client.ComplaintCommandAsync(complaint, "response", new() { ["text"] = "We verified you by SSN 219-09-9999." });

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("received", (await Client.GetComplaintAsync(complaint))["status"].Str());
    }

    [Fact]
    public async Task an_unknown_complaint_answers_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/complaints/{Guid.NewGuid()}")).StatusCode);
        var step = await Client.PostJsonAsync($"/api/complaints/{Guid.NewGuid()}/review", new JsonObject { ["expectedVersion"] = 1 });
        await step.ProblemAsync(HttpStatusCode.NotFound);
        var empty = await Client.PostJsonAsync($"/api/complaints/{Guid.Empty}/review", new JsonObject { ["expectedVersion"] = 1 });
        await empty.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_dispute_id_is_not_a_complaint_and_a_complaint_id_is_not_a_dispute()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        var complaint = await Client.LogComplaintAsync(ComplaintApi.Complaint(disputeId: dispute["disputeId"].Str()));

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/complaints/{dispute["disputeId"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/disputes/{complaint["complaintId"]}")).StatusCode);
        var compliance = Service.ClientAs("compliance");
        Assert.Equal(HttpStatusCode.NotFound, (await compliance.GetAsync($"/api/compliance/disputes/{complaint["complaintId"]}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await compliance.GetAsync($"/api/compliance/complaints/{dispute["disputeId"]}/history")).StatusCode);
        // The dispute itself is untouched by its complaint.
        Assert.Equal(2, (long)(await Client.GetDisputeAsync(dispute))["version"]!);
    }

    [Fact]
    public async Task the_audit_history_says_who_took_each_step()
    {
        var complaint = await LoggedAsync();
        var reviewed = await Service.ClientAs("supervisor", "supervisor-2").ComplaintStepAsync(complaint, "review");
        await Client.ComplaintStepAsync(reviewed, "response", new() { ["text"] = "Refunded." });

        var response = await Service.ClientAs("compliance").GetAsync($"/api/compliance/complaints/{complaint["complaintId"]}/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await response.BodyAsync();
        Assert.Equal(complaint["reference"].Str(), history["reference"].Str());
        var events = history["events"]!.AsArray();
        Assert.Equal(["complaint_received", "complaint_review_started", "complaint_responded"], events.Select(e => e!["type"].Str()));
        Assert.Equal(["agent:agent-7", "supervisor:supervisor-2", "agent:agent-7"], events.Select(e => e!["actor"].Str()));
        Assert.Equal("2025-03-03T15:00:00Z", events[0]!["occurredAt"].Str());
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e!["correlationId"]?.GetValue<string>())));
    }
}
