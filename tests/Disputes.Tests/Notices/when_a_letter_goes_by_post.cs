using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// The postal channel (rule book section 8: the date a notice is sent meets a clock): a postal acknowledgment is rendered
/// and stored at once but waits in the print queue, the mail vendor collects it in a batch (a ZIP of PDFs and a CSV
/// manifest), and only the vendor's confirmation that it was handed to the post sends it and meets the clock.
/// </summary>
public sealed class when_a_letter_goes_by_post(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Vendor => Service.ClientAs("integrator", "mail-vendor");

    private Task<long> LettersStoredAsync() => Service.ScalarAsync<long>("select count(*) from disputes.mt_doc_issuednotice");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<JsonObject> QueuedAcknowledgmentAsync()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-05T15:00:00Z");
        return await Client.StepAsync(dispute, "acknowledgment", new JsonObject { ["channel"] = "postal" });
    }

    private async Task<JsonObject> BatchAsync()
    {
        var response = await Vendor.PostJsonAsync("/api/notices/print-batches", new JsonObject());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private Task<HttpResponseMessage> ConfirmAsync(JsonObject batch, string? mailedAt) =>
        Vendor.PostJsonAsync($"/api/notices/print-batches/{batch["batchId"]}/mailed", new JsonObject { ["mailedAt"] = mailedAt });

    [Fact]
    public async Task a_postal_acknowledgment_is_stored_and_queued_but_leaves_the_clock_pending()
    {
        var dispute = await QueuedAcknowledgmentAsync();

        Assert.Equal("pending", dispute["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("open", dispute["status"].Str());
        Assert.Empty(dispute["notices"]!.AsArray());
        Assert.Equal("acknowledgment", Assert.Single(dispute["queuedForPost"]!.AsArray())!["kind"].Str());
        Assert.DoesNotContain("acknowledgment", dispute["allowedActions"]!.AsArray().Select(a => a.Str()));
        Assert.Equal(1, await LettersStoredAsync());
        Assert.Equal(0, await Service.ScalarAsync<long>(
            $"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'acknowledgment_sent'"));
        Assert.Equal(1, await Service.ScalarAsync<long>(
            $"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'notice_queued_for_post'"));

        var queue = (await (await Service.ClientAs("compliance", "cco").GetAsync("/api/notices/print-queue")).BodyArrayAsync());
        var letter = Assert.Single(queue)!;
        Assert.Equal(dispute["caseNumber"].Str(), letter["caseNumber"].Str());
        Assert.Equal("acknowledgment", letter["kind"].Str());
        Assert.Equal("acknowledgment", letter["meets"].Str());
        Assert.Equal(dispute["deadlines"]!["acknowledgment"]!["dueOn"].Str(), letter["dueOn"].Str());
        Assert.Equal(dispute["deadlines"]!["acknowledgment"]!["breachesAt"].Str(), letter["breachesAt"].Str());
    }

    [Fact]
    public async Task a_second_acknowledgment_while_one_is_queued_is_refused_and_stores_nothing()
    {
        var dispute = await QueuedAcknowledgmentAsync();
        var before = await Service.EventCountAsync();

        var again = await Client.CommandAsync(dispute, "acknowledgment");

        Assert.Equal("acknowledgment_queued_for_post", (await again.ProblemAsync(HttpStatusCode.Conflict))["rule"].Str());
        Assert.Equal(before, await Service.EventCountAsync());
        Assert.Equal(1, await LettersStoredAsync());
    }

    [Fact]
    public async Task the_batch_zip_holds_the_pdf_with_the_recorded_hash_and_a_manifest_row()
    {
        var dispute = await QueuedAcknowledgmentAsync();
        var recorded = (await Service.ScalarAsync<string>(
            $"select data->>'pdfSha256' from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'notice_queued_for_post'"));

        var batch = await BatchAsync();
        var zip = await Vendor.GetAsync($"/api/notices/print-batches/{batch["batchId"]}");

        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var pdfEntry = Assert.Single(archive.Entries, e => e.Name.EndsWith(".pdf", StringComparison.Ordinal));
        var pdf = Read(pdfEntry);
        Assert.Equal(recorded, Sha256(pdf));
        Assert.Contains(dispute["caseNumber"].Str(), NoticeScenes.PdfText(pdf));
        var manifest = System.Text.Encoding.UTF8.GetString(Read(archive.GetEntry("manifest.csv")!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("notice_id,case_number,kind,language,pdf_sha256,file_name", manifest[0]);
        var row = Assert.Single(manifest[1..]).Split(',');
        Assert.Equal([dispute["caseNumber"].Str(), "acknowledgment", "en", recorded, pdfEntry.Name], row[1..]);

        // Collected once: a second batch finds nothing waiting.
        var empty = await Vendor.PostJsonAsync("/api/notices/print-batches", new JsonObject());
        await empty.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task the_vendors_confirmation_sends_the_letter_and_meets_the_clock_at_the_mailing_instant()
    {
        var dispute = await QueuedAcknowledgmentAsync();
        var batch = await BatchAsync();
        Clock.SetNow("2025-03-07T18:00:00Z");

        var confirmed = await ConfirmAsync(batch, "2025-03-06T21:30:00Z");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var after = await Client.GetDisputeAsync(dispute);
        Assert.Equal("met", after["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.StartsWith("2025-03-06T21:30:00", after["deadlines"]!["acknowledgment"]!["metAt"].Str());
        var notice = Assert.Single(after["notices"]!.AsArray())!;
        Assert.Empty(after["queuedForPost"]!.AsArray());
        Assert.Equal("postal", notice["channel"].Str());
        Assert.StartsWith("2025-03-06T21:30:00", notice["sentAt"].Str());
        var pdf = await Client.GetByteArrayAsync($"/api/disputes/{dispute["disputeId"]}/notices/{notice["noticeId"]}/pdf");
        Assert.Equal(notice["pdfSha256"].Str(), Sha256(pdf));
        Assert.Empty((await (await Vendor.GetAsync("/api/notices/print-queue")).BodyArrayAsync()));

        // Confirmed once: a second confirmation changes nothing.
        var before = await Service.EventCountAsync();
        await (await ConfirmAsync(batch, "2025-03-06T21:30:00Z")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_letter_not_handed_over_by_the_breach_instant_leaves_the_clock_breached()
    {
        var dispute = await QueuedAcknowledgmentAsync();
        var batch = await BatchAsync();
        var breachesAt = dispute["deadlines"]!["acknowledgment"]!["breachesAt"].Str();
        Clock.SetNow("2025-04-10T15:00:00Z");

        // Mailed in time, but confirmed only after the breach instant: the service could not know, so the breach stands.
        var confirmed = await ConfirmAsync(batch, "2025-03-20T15:00:00Z");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var after = await Client.GetDisputeAsync(dispute);
        Assert.Equal("breached", after["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal(breachesAt, after["deadlines"]!["acknowledgment"]!["breachedAt"].Str());
        Assert.Equal("postal", Assert.Single(after["notices"]!.AsArray())!["channel"].Str());
        Assert.Equal(1, await Service.ScalarAsync<long>(
            $"select count(*) from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'deadline_breached'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-03-08T15:00:00Z")]
    [InlineData("2025-03-01T15:00:00Z")]
    [InlineData("not-an-instant")]
    public async Task a_bad_mailing_instant_is_refused_and_nothing_is_stored(string? mailedAt)
    {
        await QueuedAcknowledgmentAsync();
        var batch = await BatchAsync();
        Clock.SetNow("2025-03-07T15:00:00Z");
        var before = await Service.EventCountAsync();

        var response = await ConfirmAsync(batch, mailedAt);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        if (mailedAt != "not-an-instant")
        {
            Assert.Contains("mailedAt", problem.ErrorFields());
        }

        Assert.Equal(before, await Service.EventCountAsync());
        Assert.Single(await (await Vendor.GetAsync("/api/notices/print-queue")).BodyArrayAsync());
    }

    [Fact]
    public async Task an_unknown_batch_is_not_found()
    {
        var missing = await Vendor.GetAsync($"/api/notices/print-batches/{Guid.NewGuid()}");
        await missing.ProblemAsync(HttpStatusCode.NotFound);
        await (await ConfirmAsync(new JsonObject { ["batchId"] = Guid.NewGuid().ToString() }, "2025-03-03T15:00:00Z")).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Reading a JSON array answer.</summary>
internal static class JsonArrays
{
    public static async Task<JsonArray> BodyArrayAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsArray();
    }
}
