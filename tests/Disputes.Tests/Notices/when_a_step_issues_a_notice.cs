using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// Rule book section 8 through the API: sending the acknowledgment, resolving and asking the cardmember for documents each
/// issue a written notice, stored once and served from its hash-checked copy, in the dispute's language unless the step names one.
/// </summary>
public sealed class when_a_step_issues_a_notice(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Cardmember(string language = "en")
    {
        var client = Service.ClientAs("cardmember", "cm-a", "acct-1001");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private async Task<JsonObject> OpenAsync(string? language = null)
    {
        await Client.RegisterAccountAsync();
        var intake = TestApi.Intake();
        if (language is not null)
        {
            intake["language"] = language;
        }

        return await Client.OpenDisputeAsync(intake);
    }

    private Task<long> LettersStoredAsync() => Service.ScalarAsync<long>("select count(*) from disputes.mt_doc_issuednotice");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task acknowledging_issues_the_acknowledgment_letter_whose_pdf_matches_the_recorded_hash()
    {
        var dispute = await OpenAsync();
        Clock.SetNow("2025-03-05T15:00:00Z");

        dispute = await Client.StepAsync(dispute, "acknowledgment");

        var notice = Assert.Single(dispute["notices"]!.AsArray())!;
        Assert.Equal("acknowledgment", notice["kind"].Str());
        Assert.Equal("en", notice["language"].Str());
        Assert.Equal("secure_message", notice["channel"].Str());
        Assert.StartsWith("2025-03-05T15:00:00", notice["sentAt"].Str());
        Assert.Equal("met", dispute["deadlines"]!["acknowledgment"]!["status"].Str());
        var pdf = await Client.GetAsync($"/api/disputes/{dispute["disputeId"]}/notices/{notice["noticeId"]}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(notice["pdfSha256"].Str(), Sha256(bytes));
        var text = NoticeScenes.PdfText(bytes);
        Assert.Contains(dispute["caseNumber"].Str(), text);
        Assert.Contains("March 3, 2025", text);
        Assert.Contains("Test Bank, N.A.", text);
        Assert.Contains("1005", text);
        Assert.DoesNotContain("4111", text);
        var html = await Client.GetAsync($"/api/disputes/{dispute["disputeId"]}/notices/{notice["noticeId"]}/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains(dispute["caseNumber"].Str(), await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_letter_is_in_the_disputes_language_unless_the_step_names_another()
    {
        var spanish = await OpenAsync("es");
        Assert.Equal("es", spanish["language"].Str());

        var acknowledged = await Client.StepAsync(spanish, "acknowledgment");
        var inEnglish = await Client.StepAsync(acknowledged, "resolution",
            new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m, ["language"] = "en" });

        var notices = inEnglish["notices"]!.AsArray();
        Assert.Equal(["es", "en"], notices.Select(n => n!["language"].Str()));
        Assert.Equal(["acknowledgment", "correction"], notices.Select(n => n!["kind"].Str()));
        var pdf = await Client.GetByteArrayAsync($"/api/disputes/{spanish["disputeId"]}/notices/{notices[0]!["noticeId"]}/pdf");
        Assert.Contains("3 de marzo de 2025", NoticeScenes.PdfText(pdf));
    }

    [Theory]
    [InlineData("language", "fr")]
    [InlineData("channel", "fax")]
    public async Task a_letter_the_service_cannot_send_is_refused_and_nothing_is_stored(string field, string value)
    {
        var dispute = await OpenAsync();
        var before = await Service.EventCountAsync();

        var response = await Client.CommandAsync(dispute, "acknowledgment", new JsonObject { [field] = value });

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        Assert.Equal(before, await Service.EventCountAsync());
        Assert.Equal(0, await LettersStoredAsync());
    }

    [Fact]
    public async Task a_second_acknowledgment_or_one_for_a_withdrawn_dispute_stores_no_letter()
    {
        var twice = await Client.StepAsync(await OpenAsync(), "acknowledgment");
        var withdrawn = await Client.StepAsync(await Client.OpenDisputeAsync(), "withdrawal", new JsonObject());

        var again = await Client.CommandAsync(twice, "acknowledgment");
        var afterWithdrawal = await Client.CommandAsync(withdrawn, "acknowledgment");

        Assert.Equal("already_acknowledged", (await again.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal("withdrawn", (await afterWithdrawal.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal(1, await LettersStoredAsync());
    }

    [Fact]
    public async Task asking_the_cardmember_for_documents_sends_a_letter_and_asking_the_merchant_does_not()
    {
        var dispute = await OpenAsync();

        dispute = await Client.StepAsync(dispute, "document-requests", new JsonObject { ["from"] = "merchant", ["documents"] = "Proof of delivery" });
        dispute = await Client.StepAsync(dispute, "document-requests", new JsonObject
        {
            ["from"] = "cardmember", ["documents"] = "The returned-goods receipt", ["respondBy"] = "2025-03-20",
        });

        var notice = Assert.Single(dispute["notices"]!.AsArray())!;
        Assert.Equal("documents_request", notice["kind"].Str());
        var text = NoticeScenes.PdfText(await Client.GetByteArrayAsync($"/api/disputes/{dispute["disputeId"]}/notices/{notice["noticeId"]}/pdf"));
        Assert.Contains("The returned-goods receipt", text);
        Assert.Contains("March 20, 2025", text);
    }

    [Fact]
    public async Task the_cardmember_reads_their_letters_in_their_language_and_nobody_elses()
    {
        var dispute = await OpenAsync("es");
        dispute = await Client.StepAsync(dispute, "acknowledgment");
        var caseNumber = dispute["caseNumber"].Str();

        var mine = await (await Cardmember("es").GetAsync($"/api/me/disputes/{caseNumber}")).BodyAsync();
        var letter = Assert.Single(mine["letters"]!.AsArray())!;
        var pdf = await Cardmember().GetAsync(letter["pdf"].Str());
        var html = await Cardmember().GetAsync(letter["html"].Str());
        var stranger = Service.ClientAs("cardmember", "cm-b", "acct-2002");
        var theirs = await stranger.GetAsync(letter["pdf"].Str());

        Assert.Equal("Recibimos su disputa", letter["title"].Str());
        Assert.Equal("es", letter["language"].Str());
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(dispute["notices"]![0]!["pdfSha256"].Str(), Sha256(await pdf.Content.ReadAsByteArrayAsync()));
        Assert.Contains(caseNumber, await html.Content.ReadAsStringAsync());
        await theirs.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_stored_letter_that_was_changed_is_never_served()
    {
        var dispute = await Client.StepAsync(await OpenAsync(), "acknowledgment");
        var notice = dispute["notices"]![0]!;
        await Service.ScalarAsync<int>(
            "with changed as (update disputes.mt_doc_issuednotice set data = jsonb_set(data, '{html}', '\"<p>edited</p>\"') returning 1) select count(*)::int from changed");

        var response = await Client.GetAsync($"/api/disputes/{dispute["disputeId"]}/notices/{notice["noticeId"]}/html");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("edited", await response.Content.ReadAsStringAsync());
    }
}
