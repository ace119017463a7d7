using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// Previews (rule book section 8): the agent reads the letter a step would send before taking it, and compliance reads
/// any template for any dispute. A preview is the letter itself, rendered and screened the same way, but stored nowhere:
/// the step taken at the same instant with the same fields issues the very same bytes.
/// </summary>
public sealed class when_previewing_a_notice(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Compliance => Service.ClientAs("compliance", "cco");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<long> LettersStoredAsync() => Service.ScalarAsync<long>("select count(*) from disputes.mt_doc_issuednotice");

    private Task<HttpResponseMessage> PreviewAsync(JsonObject dispute, JsonObject body) =>
        Client.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/notices/preview", body);

    private async Task<JsonObject> OpenedAsync()
    {
        await Client.RegisterAccountAsync();
        return await Client.OpenDisputeAsync();
    }

    public static TheoryData<string, string, string> Steps() => new()
    {
        { "acknowledgment", "acknowledgment", """{}""" },
        { "documents_request", "document-requests", """{ "from": "cardmember", "documents": "The receipt for the return", "respondBy": "2025-03-19" }""" },
        { "correction", "resolution", """{ "outcome": "corrected", "creditedAmount": 127.43, "language": "es" }""" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task the_letter_previewed_is_the_letter_the_step_then_issues_at_the_same_instant(string kind, string step, string fields)
    {
        var dispute = await OpenedAsync();
        Clock.Freeze("2025-03-05T15:00:00Z");
        var body = JsonNode.Parse(fields)!.AsObject();
        var preview = (JsonObject)body.DeepClone();
        preview["kind"] = kind;
        preview.Remove("from");

        var asPdf = (JsonObject)preview.DeepClone();
        asPdf["format"] = "pdf";

        var pdf = await PreviewAsync(dispute, asPdf);
        var html = await PreviewAsync(dispute, preview);

        Assert.True(pdf.StatusCode == HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single());
        var previewed = await pdf.Content.ReadAsByteArrayAsync();

        var after = await Client.StepAsync(dispute, step, body);

        var issued = Assert.Single(after["notices"]!.AsArray())!;
        Assert.Equal(kind, issued["kind"].Str());
        Assert.Equal(issued["pdfSha256"].Str(), Sha256(previewed));
        var letter = await Client.GetStringAsync($"/api/disputes/{dispute["disputeId"]}/notices/{issued["noticeId"]}/html");
        Assert.Equal(letter, await html.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_preview_stores_nothing_and_appends_no_event()
    {
        var dispute = await OpenedAsync();
        var events = await Service.EventCountAsync();

        foreach (var format in new[] { "html", "pdf" })
        {
            var response = await PreviewAsync(dispute, new JsonObject { ["kind"] = "acknowledgment", ["format"] = format });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var compliance = await Compliance.GetAsync($"/api/compliance/disputes/{dispute["disputeId"]}/notices/preview?kind=acknowledgment&format=pdf");
        Assert.Equal(HttpStatusCode.OK, compliance.StatusCode);
        Assert.Equal(events, await Service.EventCountAsync());
        Assert.Equal(0, await LettersStoredAsync());
        Assert.Equal(0, await Service.ScalarAsync<long>("select count(*) from disputes.mt_doc_postalletter"));
        Assert.Empty((await Client.GetDisputeAsync(dispute))["notices"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ "kind": "letter" }""", "kind")]
    [InlineData("""{ }""", "kind")]
    [InlineData("""{ "kind": "acknowledgment", "language": "fr" }""", "language")]
    [InlineData("""{ "kind": "acknowledgment", "format": "docx" }""", "format")]
    [InlineData("""{ "kind": "correction", "outcome": "corrected" }""", "creditedAmount")]
    [InlineData("""{ "kind": "documents_request" }""", "documents")]
    public async Task an_unknown_kind_language_or_format_or_a_field_the_step_would_refuse_is_a_400_problem(string body, string field)
    {
        var dispute = await OpenedAsync();

        var response = await PreviewAsync(dispute, JsonNode.Parse(body)!.AsObject());

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task a_preview_the_step_would_refuse_is_refused_with_the_same_rule()
    {
        var dispute = await Client.StepAsync(await OpenedAsync(), "acknowledgment");

        var again = await PreviewAsync(dispute, new JsonObject { ["kind"] = "acknowledgment" });
        var reporting = await PreviewAsync(dispute, new JsonObject
        {
            ["kind"] = "reporting", ["stage"] = "reported", ["reportedOn"] = "2025-03-03",
            ["parties"] = new JsonArray(new JsonObject { ["name"] = "Example Credit Bureau", ["address"] = new JsonArray("PO Box 1", "Atlanta, GA 30374") }),
        });

        Assert.Equal("already_acknowledged", (await again.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal("no_reporting_duty", (await reporting.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
    }

    [Fact]
    public async Task a_card_number_in_a_previews_explanation_is_refused_and_nothing_is_stored()
    {
        var dispute = await OpenedAsync();
        var events = await Service.EventCountAsync();

        var response = await PreviewAsync(dispute, new JsonObject
        {
            ["kind"] = "explanation", ["outcome"] = "no_error", ["explanation"] = "Your card 4111 1111 1111 1111 was used in person",
        });

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(events, await Service.EventCountAsync());
        Assert.Equal(0, await LettersStoredAsync());
    }

    [Fact]
    public async Task a_preview_of_an_unknown_dispute_is_not_found()
    {
        var agent = await PreviewAsync(new JsonObject { ["disputeId"] = Guid.NewGuid().ToString() }, new JsonObject { ["kind"] = "acknowledgment" });
        var compliance = await Compliance.GetAsync($"/api/compliance/disputes/{Guid.NewGuid()}/notices/preview?kind=acknowledgment");

        await agent.ProblemAsync(HttpStatusCode.NotFound);
        await compliance.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task compliance_previews_a_template_for_a_dispute_in_either_language_from_what_the_dispute_records()
    {
        var dispute = await Client.StepAsync(await OpenedAsync(), "resolution", new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });
        var url = $"/api/compliance/disputes/{dispute["disputeId"]}/notices/preview";

        var spanish = await Compliance.GetAsync($"{url}?kind=correction&language=es");
        var english = await Compliance.GetAsync($"{url}?kind=correction&format=pdf");
        var explanation = await Compliance.GetAsync($"{url}?kind=explanation");
        var documents = await Compliance.GetAsync($"{url}?kind=documents_request");
        var unknown = await Compliance.GetAsync($"{url}?kind=postcard&language=fr");

        var text = NoticeScenes.Visible(await spanish.Content.ReadAsStringAsync());
        Assert.Contains("Corregimos el error de facturación", text);
        Assert.Contains(dispute["caseNumber"].Str(), text);
        Assert.Contains("$127.43", text);
        Assert.False(string.IsNullOrEmpty(spanish.Headers.GetValues("Notice-Template-Version").Single()));
        Assert.Contains("We corrected the billing error", NoticeScenes.PdfText(await english.Content.ReadAsByteArrayAsync()));
        Assert.Equal("notice_does_not_fit_outcome", (await explanation.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal("notice_lacks_facts", (await documents.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal(["kind", "language"], (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().Order());
    }
}
