using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Cardmembers.Wording;
using Disputes.Domain.Disputes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Audiences;

public sealed class when_a_cardmember_reads_their_disputes(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Cardmember => Service.ClientAs("cardmember", "cm-a", "acct-1001");

    private async Task<HttpResponseMessage> ReadAsync(JsonObject dispute, string? acceptLanguage = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/me/disputes/{dispute["caseNumber"]}");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await Cardmember.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    [Fact]
    public async Task it_is_in_english_by_default_with_what_happens_next_and_by_when()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var response = await ReadAsync(dispute);

        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        var view = await response.BodyAsync();
        Assert.Equal(dispute["caseNumber"].Str(), view["caseNumber"].Str());
        Assert.Equal("XYZ Store", view["merchant"].Str());
        Assert.Equal(127.43m, (decimal)view["amount"]!);
        Assert.Equal("open", view["status"].Str());
        Assert.Equal("We received your dispute and are reviewing it.", view["statusText"].Str());
        Assert.Equal("We will acknowledge your dispute by April 2, 2025.", view["next"]!["text"].Str());
        Assert.Equal("2025-04-02", view["next"]!["by"].Str());
        Assert.Equal("We received your dispute about the $127.43 charge from XYZ Store.", view["steps"]![0]!["text"].Str());
        Assert.Equal("2025-03-03", view["steps"]![0]!["on"].Str());
        Assert.True((bool)view["canWithdraw"]!);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("es-MX")]
    [InlineData("es-419,es;q=0.9,en;q=0.8")]
    [InlineData("fr-FR, es;q=0.7, en;q=0.5")]
    public async Task it_is_in_spanish_when_spanish_is_preferred(string acceptLanguage)
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var response = await ReadAsync(dispute, acceptLanguage);

        Assert.Equal(["es"], response.Content.Headers.ContentLanguage);
        var view = await response.BodyAsync();
        Assert.Equal("Acusaremos recibo de su disputa a más tardar el 2 de abril de 2025.", view["next"]!["text"].Str());
        Assert.Equal("Recibimos su disputa y la estamos revisando.", view["statusText"].Str());
        Assert.Equal("Recibimos su disputa sobre el cargo de $127.43 de XYZ Store.", view["steps"]![0]!["text"].Str());
    }

    [Theory]
    [InlineData("en, es;q=0.9")]
    [InlineData("es;q=0.4, en;q=0.6")]
    [InlineData("es;q=0")]
    [InlineData("de")]
    [InlineData("*")]
    public async Task it_stays_in_english_when_english_is_preferred_or_spanish_is_not_asked_for(string acceptLanguage)
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var response = await ReadAsync(dispute, acceptLanguage);

        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        Assert.StartsWith("We will acknowledge", (await response.BodyAsync())["next"]!["text"].Str());
    }

    [Fact]
    public async Task only_the_steps_that_concern_the_cardmember_are_shown_and_nothing_internal()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-05T15:00:00Z");
        dispute = await Client.StepAsync(dispute, "acknowledgment");
        dispute = await Client.StepAsync(dispute, "notes", new() { ["text"] = "Caller sounded unsure, verify identity next time" });
        dispute = await Client.StepAsync(dispute, "merchant-contacts", new() { ["summary"] = "Phoned the fraud desk of the merchant" });
        dispute = await Client.StepAsync(dispute, "escalation", new() { ["to"] = "supervisor", ["reason"] = "Agent Kim wants a second opinion" });
        dispute = await Client.StepAsync(dispute, "document-requests", new() { ["from"] = "merchant", ["documents"] = "the signed delivery slip" });
        dispute = await Client.StepAsync(dispute, "finance-charges", new() { ["amount"] = 1.25m });
        Clock.SetNow("2025-03-06T15:00:00Z");
        dispute = await Client.StepAsync(dispute, "provisional-credits", new() { ["amount"] = 127.43m });
        dispute = await Client.StepAsync(dispute, "document-requests", new() { ["from"] = "cardmember", ["documents"] = "a copy of your receipt" });
        dispute = await Client.StepAsync(dispute, "documents-received", new() { ["from"] = "cardmember", ["documents"] = "receipt" });

        var response = await ReadAsync(dispute);

        var body = await response.Content.ReadAsStringAsync();
        var view = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(
            [
                "We received your dispute about the $127.43 charge from XYZ Store.",
                "We sent you a written acknowledgment of your dispute.",
                "We gave you a temporary credit of $127.43 while we investigate.",
                "We asked you for documents: a copy of your receipt.",
                "We received the documents you sent us.",
            ],
            view["steps"]!.AsArray().Select(s => s!["text"].Str()));
        Assert.Equal(["2025-03-03", "2025-03-05", "2025-03-06", "2025-03-06", "2025-03-06"], view["steps"]!.AsArray().Select(s => s!["on"].Str()));
        Assert.Equal("We are investigating your dispute.", view["statusText"].Str());
        Assert.StartsWith("We will finish our investigation and tell you the outcome by ", view["next"]!["text"].Str());
        foreach (var secret in new[]
                 {
                     "Caller sounded unsure", "fraud desk", "Agent Kim", "second opinion", "signed delivery slip", "1.25", "agent-7", "agent:",
                     "supervisor", "escalat", "finance", "deadline", "breach", dispute["disputeId"].Str(), "acct-1001",
                 })
        {
            Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task a_resolution_with_money_owed_says_what_to_pay_and_by_when_in_both_languages()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
        Clock.SetNow("2025-03-20T15:00:00Z");
        dispute = await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "The signed receipt matches your signature.", ["amountOwed"] = 127.43m, ["paymentDueOn"] = "2025-04-14",
        }, Supervisor);

        var english = await (await ReadAsync(dispute)).BodyAsync();
        var spanish = await (await ReadAsync(dispute, "es")).BodyAsync();

        Assert.Equal("Your dispute is resolved.", english["statusText"].Str());
        Assert.Equal("Please pay $127.43 by April 14, 2025.", english["next"]!["text"].Str());
        Assert.Equal("We found no error: The signed receipt matches your signature. You owe $127.43, due by April 14, 2025.",
            english["steps"]!.AsArray()[^1]!["text"].Str());
        Assert.False((bool)english["canWithdraw"]!);
        Assert.Equal("Su disputa está resuelta.", spanish["statusText"].Str());
        Assert.Equal("Por favor, pague $127.43 a más tardar el 14 de abril de 2025.", spanish["next"]!["text"].Str());
    }

    [Fact]
    public async Task a_partial_resolution_says_what_was_credited_what_was_explained_and_what_is_owed_in_both_languages()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.StepAsync(await Client.OpenDisputeAsync(), "acknowledgment");
        Clock.SetNow("2025-03-20T15:00:00Z");
        dispute = await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "partial", ["creditedAmount"] = 40m, ["explanation"] = "The second charge was a separate order.",
            ["amountOwed"] = 87.43m, ["paymentDueOn"] = "2025-04-14",
        }, Supervisor);

        var english = await (await ReadAsync(dispute)).BodyAsync();
        var spanish = await (await ReadAsync(dispute, "es")).BodyAsync();

        Assert.Equal("partial", dispute["resolution"]!["outcome"].Str());
        Assert.Equal(
            "We corrected part of the error and credited $40.00 to your account. For the rest: The second charge was a separate order. " +
            "You owe $87.43, due by April 14, 2025.",
            english["steps"]!.AsArray()[^1]!["text"].Str());
        Assert.Equal(
            "Corregimos parte del error y acreditamos $40.00 a su cuenta. Sobre el resto: The second charge was a separate order. " +
            "Usted debe $87.43, a pagar a más tardar el 14 de abril de 2025.",
            spanish["steps"]!.AsArray()[^1]!["text"].Str());
        Assert.Equal("Please pay $87.43 by April 14, 2025.", english["next"]!["text"].Str());
    }

    [Fact]
    public async Task a_partial_resolution_without_a_credit_or_an_explanation_is_refused()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();

        var response = await Client.CommandAsync(dispute, "resolution", new() { ["outcome"] = "partial" });

        var problem = await response.ProblemAsync(System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("creditedAmount", problem.ErrorFields());
        Assert.Contains("explanation", problem.ErrorFields());
        Assert.Equal(2, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_corrected_dispute_shows_the_credit()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.StepAsync(await Client.OpenDisputeAsync(), "resolution", new() { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        var view = await (await ReadAsync(dispute)).BodyAsync();

        Assert.Equal("We corrected the error and credited $127.43 to your account.", view["steps"]!.AsArray()[^1]!["text"].Str());
        Assert.Equal("Nothing more is needed from you.", view["next"]!["text"].Str());
        Assert.Null(view["next"]!["by"]);
    }

    [Fact]
    public async Task past_a_due_date_no_date_is_promised_and_the_breach_is_not_mentioned()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-04-10T12:00:00Z");
        // An agent's note first records the missed acknowledgment (due 2025-04-02).
        dispute = await Client.StepAsync(dispute, "notes", new() { ["text"] = "Waiting on the merchant." });
        Assert.Equal(1, await Service.ScalarAsync<long>("select count(*) from disputes.mt_events where type = 'deadline_breached'"));

        var view = await (await ReadAsync(dispute)).BodyAsync();

        Assert.StartsWith("We will finish our investigation and tell you the outcome by ", view["next"]!["text"].Str());
        Assert.DoesNotContain("April 2", view.ToJsonString());
        Assert.DoesNotContain("breach", view.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task the_list_holds_the_disputes_of_every_account_of_the_token_newest_first()
    {
        await Client.RegisterAccountAsync();
        await Client.RegisterAccountAsync("acct-2002");
        await Client.RegisterAccountAsync("acct-3003");
        var older = TestApi.Intake();
        older["noticeReceivedAt"] = "2025-03-01T12:00:00Z";
        var olderDispute = await Client.OpenDisputeAsync(older);
        var newerDispute = await Client.OpenDisputeAsync(TestApi.Intake("acct-2002"));
        await Client.OpenDisputeAsync(TestApi.Intake("acct-3003"));

        var response = await Service.ClientAs("cardmember", "cm-ab", "acct-1001", "acct-2002").GetAsync("/api/me/disputes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        var disputes = (await response.BodyAsync())["disputes"]!.AsArray();
        Assert.Equal([newerDispute["caseNumber"].Str(), olderDispute["caseNumber"].Str()], disputes.Select(d => d!["caseNumber"].Str()));
        Assert.All(disputes, d => Assert.NotEmpty(d!["steps"]!.AsArray()));
    }

    [Fact]
    public async Task a_cardmember_without_disputes_gets_an_empty_list()
    {
        var response = await Cardmember.GetAsync("/api/me/disputes");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.BodyAsync())["disputes"]!.AsArray());
    }

    [Fact]
    public void every_status_has_its_own_words_in_english_and_in_spanish()
    {
        foreach (var status in Enum.GetValues<DisputeStatus>())
        {
            var english = EnglishWording.Instance.Status(status);
            var spanish = SpanishWording.Instance.Status(status);
            Assert.False(string.IsNullOrWhiteSpace(english));
            Assert.False(string.IsNullOrWhiteSpace(spanish));
            Assert.NotEqual(english, spanish);
        }

        Assert.Equal(Enum.GetValues<DisputeStatus>().Length, Enum.GetValues<DisputeStatus>().Select(SpanishWording.Instance.Status).Distinct().Count());
    }

    [Fact]
    public async Task after_a_missed_deadline_the_outcome_says_what_is_not_collected()
    {
        // Acknowledgment due 04-02 never sent; explained on 04-10: of 127.43 disputed, 50 is forfeited and 77.43 owed.
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-04-10T15:00:00Z");
        await Client.ResolveApprovedAsync(dispute, new()
        {
            ["outcome"] = "no_error", ["explanation"] = "Signed receipt matches", ["amountOwed"] = 77.43m, ["paymentDueOn"] = "2025-05-05",
        }, Supervisor);

        var english = (await (await ReadAsync(dispute)).BodyAsync())["steps"]!.AsArray()[^1]!["text"].Str();
        var spanish = (await (await ReadAsync(dispute, "es")).BodyAsync())["steps"]!.AsArray()[^1]!["text"].Str();

        Assert.Contains("You owe $77.43", english);
        Assert.Contains("we will not collect $50.00 of the amount in dispute", english);
        Assert.Contains("no cobraremos", spanish);
        Assert.Contains("50.00", spanish);
    }
}
