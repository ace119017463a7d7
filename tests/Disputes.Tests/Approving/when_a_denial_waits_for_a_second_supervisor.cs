using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Approving;

/// <summary>
/// Four eyes on every denial (the default threshold of $0): the agent's no-error or partial resolution is only proposed,
/// and takes effect, with its letter, when a supervisor other than the proposer approves it.
/// </summary>
public sealed class when_a_denial_waits_for_a_second_supervisor(ServiceFixture fixture) : ServiceTest(fixture)
{
    private static JsonObject Denial() => new()
    {
        ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches your signature.", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-20",
    };

    private async Task<JsonObject> AcknowledgedAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
    }

    private async Task<JsonObject> ProposedAsync(JsonObject dispute, HttpClient? by = null)
    {
        var response = await (by ?? Client).CommandAsync(dispute, "resolution", Denial());
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private static JsonObject Decision(JsonObject dispute, string? reason = null) => reason is null
        ? new() { ["proposalId"] = dispute["pendingResolution"]!["proposalId"]!.DeepClone() }
        : new() { ["proposalId"] = dispute["pendingResolution"]!["proposalId"]!.DeepClone(), ["reason"] = reason };

    [Fact]
    public async Task the_agents_denial_waits_and_sends_nothing_until_another_supervisor_approves_it()
    {
        var acknowledged = await AcknowledgedAsync();
        Clock.SetNow("2025-03-20T15:00:00Z");

        var proposed = await ProposedAsync(acknowledged);

        Assert.Equal("acknowledged", proposed["status"].Str());
        Assert.Null(proposed["resolution"]);
        Assert.Equal("pending", proposed["deadlines"]!["resolution"]!["status"].Str());
        Assert.Equal("agent-7", proposed["pendingResolution"]!["proposedBy"].Str());
        Assert.Equal("no_error", proposed["pendingResolution"]!["outcome"].Str());
        Assert.Single(proposed["notices"]!.AsArray());
        Assert.Contains("resolution-approval", proposed["allowedActions"]!.AsArray().Select(a => a.Str()));
        Assert.Equal("resolution_proposed", proposed["steps"]!.AsArray()[^1]!["type"].Str());

        Clock.SetNow("2025-03-21T15:00:00Z");
        var resolved = await Supervisor.StepAsync(proposed, "resolution-approval", Decision(proposed));

        Assert.Equal("resolved", resolved["status"].Str());
        Assert.Null(resolved["pendingResolution"]);
        Assert.StartsWith("2025-03-21T15:00", resolved["deadlines"]!["resolution"]!["metAt"].Str());
        var letter = resolved["notices"]!.AsArray()[^1]!;
        Assert.Equal("explanation", letter["kind"].Str());
        Assert.StartsWith("2025-03-21T15:00", letter["sentAt"].Str());
        Assert.Equal(["resolution_proposed", "resolution_approved", "resolved", "notice_issued"],
            resolved["steps"]!.AsArray().Skip(4).Select(s => s!["type"].Str()).Where(t => t != "hold_changed"));

        var history = await (await Service.ClientAs("compliance").GetAsync($"/api/compliance/disputes/{resolved["disputeId"]}/history")).BodyAsync();
        var events = history["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var proposal = events.Single(e => e["type"].Str() == "resolution_proposed");
        var approval = events.Single(e => e["type"].Str() == "resolution_approved");
        Assert.Equal("agent:agent-7", proposal["actor"].Str());
        Assert.Equal("supervisor:supervisor-2", approval["actor"].Str());
        Assert.Equal(("agent-7", "supervisor-2"), (approval["data"]!["proposedBy"].Str(), approval["data"]!["approvedBy"].Str()));
        Assert.StartsWith("2025-03-20T15:00", approval["data"]!["proposedAt"].Str());
        Assert.StartsWith("2025-03-21T15:00", approval["data"]!["approvedAt"].Str());
    }

    [Fact]
    public async Task a_full_correction_takes_effect_at_once()
    {
        var resolved = await Client.StepAsync(await AcknowledgedAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        Assert.Equal("resolved", resolved["status"].Str());
        Assert.Null(resolved["pendingResolution"]);
    }

    [Fact]
    public async Task the_proposer_may_not_approve_their_own_proposal_and_nothing_changes()
    {
        var proposed = await ProposedAsync(await AcknowledgedAsync(), Supervisor);
        var before = await Service.EventCountAsync();

        var response = await Supervisor.CommandAsync(proposed, "resolution-approval", Decision(proposed));

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("own_proposal", problem["rule"].Str());
        Assert.Contains("another supervisor", problem["detail"].Str());
        Assert.Equal(before, await Service.EventCountAsync());
    }

    [Fact]
    public async Task an_agent_may_not_approve_and_nothing_changes()
    {
        var proposed = await ProposedAsync(await AcknowledgedAsync());
        var before = await Service.EventCountAsync();

        var response = await Service.ClientAs("agent", "agent-9").CommandAsync(proposed, "resolution-approval", Decision(proposed));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_replaced_proposal_or_a_stale_version_cannot_be_approved()
    {
        var first = await ProposedAsync(await AcknowledgedAsync());
        var second = await ProposedAsync(first);

        var replaced = await Supervisor.CommandAsync(second, "resolution-approval", Decision(first));
        var stale = await Supervisor.CommandAsync(second, "resolution-approval", Decision(second), version: (long)first["version"]!);

        Assert.Equal("proposal_superseded", (await replaced.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("resolved", (await Supervisor.StepAsync(second, "resolution-approval", Decision(second)))["status"].Str());
    }

    [Fact]
    public async Task documents_arriving_after_the_proposal_make_it_outdated_and_a_rejection_returns_it_with_the_reason()
    {
        var proposed = await ProposedAsync(await AcknowledgedAsync());
        var withDocuments = await Client.StepAsync(proposed, "documents-received", new() { ["from"] = "cardmember", ["documents"] = "Photo of the delivery" });
        Assert.Equal("Documents arrived", withDocuments["pendingResolution"]!["outdatedBy"].Str());

        var approval = await Supervisor.CommandAsync(withDocuments, "resolution-approval", Decision(withDocuments));
        Assert.Equal("proposal_outdated", (await approval.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());

        var returned = await Supervisor.StepAsync(withDocuments, "resolution-rejection", Decision(withDocuments, "Look at the delivery photo first."));

        Assert.Equal("acknowledged", returned["status"].Str());
        Assert.Null(returned["pendingResolution"]);
        Assert.DoesNotContain("resolution-approval", returned["allowedActions"]!.AsArray().Select(a => a.Str()));
        var step = returned["steps"]!.AsArray()[^1]!;
        Assert.Equal("resolution_rejected", step["type"].Str());
        Assert.Contains("Look at the delivery photo first.", step["summary"].Str());
    }

    [Fact]
    public async Task a_rejection_needs_a_reason_and_the_reason_is_screened()
    {
        var proposed = await ProposedAsync(await AcknowledgedAsync());
        var before = await Service.EventCountAsync();

        var missing = await Supervisor.CommandAsync(proposed, "resolution-rejection", Decision(proposed));
        var secret = await Supervisor.CommandAsync(proposed, "resolution-rejection", Decision(proposed, "Card 4111 1111 1111 1111 was charged"));

        Assert.Equal(["reason"], (await missing.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(["reason"], (await secret.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.DoesNotContain("4111 1111 1111 1111", await secret.Content.ReadAsStringAsync());
        Assert.Equal(before, await Service.EventCountAsync());
    }

    [Fact]
    public async Task the_clock_runs_on_while_the_proposal_waits()
    {
        // Acknowledgment due 2025-04-02. A denial with nothing owed, proposed unacknowledged on 03-31, shows as awaiting
        // approval in the deadline list; approved on 04-04, after the breach, it resolves with the breach recorded first.
        await Client.RegisterAccountAsync();
        var opened = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-31T15:00:00Z");
        var response = await Client.CommandAsync(opened, "resolution", new() { ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches." });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var proposed = await response.BodyAsync();

        var list = await (await Service.ClientAs("compliance").GetAsync("/api/compliance/deadlines?clock=acknowledgment&status=pending")).BodyAsync();
        var row = Assert.Single(list["items"]!.AsArray())!;
        Assert.StartsWith("2025-03-31T15:00", row["awaitingApprovalSince"].Str());

        Clock.SetNow("2025-04-04T15:00:00Z");
        var resolved = await Supervisor.StepAsync(proposed, "resolution-approval", Decision(proposed));

        Assert.Equal("breached", resolved["deadlines"]!["acknowledgment"]!["status"].Str());
        var types = resolved["steps"]!.AsArray().Select(s => s!["type"].Str()).ToList();
        Assert.True(types.IndexOf("deadline_breached") < types.IndexOf("resolution_approved"), string.Join(", ", types));
        Assert.Equal(50m, (decimal)resolved["resolution"]!["forfeitureApplied"]!);
    }
}
