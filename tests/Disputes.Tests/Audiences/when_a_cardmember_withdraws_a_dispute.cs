using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Audiences;

public sealed class when_a_cardmember_withdraws_a_dispute(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Cardmember => Service.ClientAs("cardmember", "cm-a", "acct-1001");

    private async Task<JsonObject> OpenAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.OpenDisputeAsync();
    }

    private Task<HttpResponseMessage> WithdrawAsync(JsonObject dispute, JsonObject? body = null) =>
        Cardmember.PostJsonAsync($"/api/me/disputes/{dispute["caseNumber"]}/withdraw", body ?? new JsonObject { ["reason"] = "I found the purchase" });

    [Fact]
    public async Task the_clocks_stop_and_the_cardmember_is_recorded_as_the_actor()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-03-10T12:00:00Z");

        var response = await WithdrawAsync(dispute);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        var view = await response.BodyAsync();
        Assert.Equal("withdrawn", view["status"].Str());
        Assert.Equal("You withdrew this dispute.", view["statusText"].Str());
        Assert.Equal("You withdrew your dispute.", view["steps"]!.AsArray()[^1]!["text"].Str());
        Assert.Equal("Nothing more is needed from you.", view["next"]!["text"].Str());
        Assert.False((bool)view["canWithdraw"]!);

        var stored = await Client.GetDisputeAsync(dispute);
        Assert.Equal("withdrawn", stored["status"].Str());
        Assert.Equal("stopped", stored["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("stopped", stored["deadlines"]!["resolution"]!["status"].Str());

        var history = await (await Service.ClientAs("compliance").GetAsync($"/api/compliance/disputes/{dispute["disputeId"]}/history")).BodyAsync();
        var types = history["events"]!.AsArray().Select(e => e!["type"].Str()).ToList();
        Assert.Equal(["dispute_withdrawn", "hold_released"], types[^2..]);
        var withdrawn = history["events"]!.AsArray()[^2]!;
        Assert.Equal("cardmember:cm-a", withdrawn["actor"].Str());
        Assert.Equal("I found the purchase", withdrawn["data"]!["reason"].Str());
    }

    [Fact]
    public async Task the_body_is_optional()
    {
        var dispute = await OpenAsync();

        var response = await Cardmember.PostAsync($"/api/me/disputes/{dispute["caseNumber"]}/withdraw", null);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("withdrawn", (await Client.GetDisputeAsync(dispute))["status"].Str());
    }

    [Fact]
    public async Task a_breach_that_has_passed_is_recorded_before_the_withdrawal()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-04-10T12:00:00Z");

        Assert.Equal(HttpStatusCode.OK, (await WithdrawAsync(dispute)).StatusCode);

        var stored = await Client.GetDisputeAsync(dispute);
        Assert.Equal("breached", stored["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("stopped", stored["deadlines"]!["resolution"]!["status"].Str());
    }

    [Fact]
    public async Task withdrawing_twice_answers_409_in_the_cardmembers_language()
    {
        var dispute = await OpenAsync();
        Assert.Equal(HttpStatusCode.OK, (await WithdrawAsync(dispute)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/me/disputes/{dispute["caseNumber"]}/withdraw")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Accept-Language", "es-US");
        var again = await Cardmember.SendAsync(request);

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Esta disputa ya fue retirada.", problem["detail"].Str());
        Assert.Equal(4, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_resolved_dispute_cannot_be_withdrawn()
    {
        var dispute = await OpenAsync();
        Assert.True((await Client.CommandAsync(dispute, "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m })).IsSuccessStatusCode);

        var response = await WithdrawAsync(dispute);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already resolved", problem["detail"].Str());
        Assert.Equal(5, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_reason_holding_a_card_number_is_refused_and_nothing_is_stored()
    {
        var dispute = await OpenAsync();

        var response = await WithdrawAsync(dispute, new JsonObject { ["reason"] = "my card 4111 1111 1111 1111 was found" });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.DoesNotContain("4111", problem.ToJsonString());
        Assert.Equal(2, await Service.EventCountAsync());
    }

    [Fact]
    public async Task concurrent_withdrawals_store_one_and_refuse_the_others_as_already_withdrawn()
    {
        var dispute = await OpenAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => WithdrawAsync(dispute)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("This dispute is already withdrawn.", problem["detail"].Str());
        }

        Assert.Equal(4, await Service.EventCountAsync());
    }
}
