using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Summarizing;

/// <summary>
/// The summary the agent pastes into the chat before it ends: case number, what was done in this conversation and
/// before, the next step with its date, how to follow up; English or Spanish; never a note or a staff member's name.
/// </summary>
public sealed class when_the_agent_asks_for_the_end_of_chat_summary(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<JsonObject> SummaryAsync(JsonObject dispute, string language = "en", string? since = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/disputes/{dispute["disputeId"]}/summary{(since is null ? "" : $"?since={since}")}");
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await Client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(language, response.Content.Headers.ContentLanguage.Single());
        return await response.BodyAsync();
    }

    private async Task<JsonObject> OpenAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.OpenDisputeAsync();
    }

    [Fact]
    public async Task a_dispute_opened_in_this_chat_says_it_was_received_and_when_it_will_be_acknowledged()
    {
        var dispute = await OpenAsync();
        var number = dispute["caseNumber"].Str();

        var english = await SummaryAsync(dispute);
        var spanish = await SummaryAsync(dispute, "es");

        Assert.Equal(["We received your dispute about the $127.43 charge from XYZ Store."], english["thisConversation"]!.AsArray().Select(s => s.Str()));
        Assert.Empty(english["before"]!.AsArray());
        Assert.Equal("2025-04-02", english["next"]!["by"].Str());
        var text = english["text"].Str();
        Assert.StartsWith($"Summary of your dispute {number} (XYZ Store, $127.43).", text);
        Assert.Contains("In this conversation:\n- We received your dispute", text.ReplaceLineEndings("\n"));
        Assert.Contains("Next: We will acknowledge your dispute by April 2, 2025.", text);
        Assert.Contains("you do not need to pay the disputed $127.43", text);
        Assert.Contains($"quote case number {number}", text);

        var texto = spanish["text"].Str();
        Assert.StartsWith($"Resumen de su disputa {number} (XYZ Store, $127.43).", texto);
        Assert.Contains("En esta conversación:", texto);
        Assert.Contains("Próximo paso: Acusaremos recibo de su disputa a más tardar el 2 de abril de 2025.", texto);
        Assert.Contains($"número de caso {number}", texto);
    }

    [Fact]
    public async Task a_later_chat_separates_what_was_done_before_and_leaves_internal_work_and_names_out()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");
        dispute = await Client.StepAsync(dispute, "notes", new() { ["text"] = "Cardmember sounded upset; agent-7 will call back" });
        dispute = await Client.StepAsync(dispute, "escalation", new() { ["to"] = "credit", ["reason"] = "Needs a credit decision" });
        dispute = await Client.StepAsync(dispute, "merchant-contacts", new() { ["summary"] = "Merchant promised a refund" });
        Clock.SetNow("2025-03-12T16:00:00Z");
        dispute = await Client.StepAsync(dispute, "provisional-credits", new() { ["amount"] = 127.43m });

        var summary = await SummaryAsync(dispute);

        Assert.Equal(["We gave you a temporary credit of $127.43 while we investigate."], summary["thisConversation"]!.AsArray().Select(s => s.Str()));
        Assert.Equal(2, summary["before"]!.AsArray().Count);
        Assert.Equal("2025-05-15", summary["next"]!["by"].Str());
        var text = summary["text"].Str();
        Assert.Contains("Before this conversation:", text);
        Assert.Contains("by May 15, 2025", text);
        foreach (var internalWord in new[] { "upset", "agent-7", "credit decision", "refund", "supervisor" })
        {
            Assert.DoesNotContain(internalWord, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task since_says_when_the_conversation_began()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");
        Clock.SetNow("2025-03-03T18:00:00Z");

        var summary = await SummaryAsync(dispute, since: "2025-03-03T16:00:00Z");

        Assert.Equal(2, summary["before"]!.AsArray().Count);
        Assert.Empty(summary["thisConversation"]!.AsArray());
        Assert.Contains("Nothing new was recorded on your dispute.", summary["text"].Str());
    }

    [Fact]
    public async Task a_denial_waiting_for_approval_is_not_announced_until_it_is_approved()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");
        Clock.SetNow("2025-03-20T15:00:00Z");
        var response = await Client.CommandAsync(dispute, "resolution", new() { ["outcome"] = "no_error", ["explanation"] = "The receipt is signed." });
        var proposed = await response.BodyAsync();

        var waiting = await SummaryAsync(proposed);
        var resolved = await SummaryAsync(await Supervisor.StepAsync(proposed, "resolution-approval",
            new() { ["proposalId"] = proposed["pendingResolution"]!["proposalId"]!.DeepClone() }));

        Assert.DoesNotContain("receipt", waiting["text"].Str());
        Assert.Contains("Next: We will finish our investigation", waiting["text"].Str());
        Assert.Contains("The receipt is signed.", resolved["text"].Str());
        Assert.Contains("Next: Nothing more is needed from you.", resolved["text"].Str());
    }

    [Theory]
    [InlineData("en", "Your dispute is resolved.", "We corrected the error and credited $127.43 to your account.", "Nothing more is needed from you.")]
    [InlineData("es", "Su disputa está resuelta.", "Corregimos el error", "No necesita hacer nada más.")]
    public async Task a_corrected_dispute_says_so_in_the_cardmembers_language(string language, string status, string step, string next)
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        var text = (await SummaryAsync(dispute, language))["text"].Str();

        Assert.Contains(status, text);
        Assert.Contains(step, text);
        Assert.Contains(next, text);
    }

    [Theory]
    [InlineData("en", "You withdrew this dispute.", "You withdrew your dispute.")]
    [InlineData("es", "Usted retiró esta disputa.", "Usted retiró su disputa.")]
    public async Task a_withdrawn_dispute_says_so(string language, string status, string step)
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "withdrawal", new() { ["reason"] = "Found the purchase" });

        var text = (await SummaryAsync(dispute, language))["text"].Str();

        Assert.Contains(status, text);
        Assert.Contains(step, text);
    }

    [Theory]
    [InlineData("en", "We reopened your dispute at your request.", "Summary of your dispute")]
    [InlineData("es", "Reabrimos su disputa", "Resumen de su disputa")]
    public async Task a_reopened_dispute_says_so(string language, string step, string heading)
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 10m });
        dispute = await Supervisor.StepAsync(dispute, "reopening", new() { ["reason"] = "The charge came back" });

        var text = (await SummaryAsync(dispute, language))["text"].Str();

        Assert.StartsWith(heading, text);
        Assert.Contains(step, text);
    }

    [Fact]
    public async Task a_malformed_since_or_an_unknown_dispute_is_refused()
    {
        var dispute = await OpenAsync();

        var malformed = await Client.GetAsync($"/api/disputes/{dispute["disputeId"]}/summary?since=yesterday");
        var unknown = await Client.GetAsync($"/api/disputes/{Guid.NewGuid()}/summary");

        Assert.Equal(["since"], (await malformed.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }
}
