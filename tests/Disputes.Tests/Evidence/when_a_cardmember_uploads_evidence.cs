using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using SkiaSharp;
using Xunit;

namespace Disputes.Tests.Evidence;

/// <summary>
/// Issue 17, evidence: an agent makes an upload link, the cardmember sends PDFs, JPEGs and PNGs through it without
/// signing in, and staff list and download what was stored. Every refusal stores nothing.
/// </summary>
public sealed class when_a_cardmember_uploads_evidence(EvidenceFixture fixture) : IClassFixture<EvidenceFixture>, IAsyncLifetime
{
    private DisputesHost Service => fixture.Host;

    private HttpClient Agent => Service.Client;

    public async ValueTask InitializeAsync()
    {
        await Service.ResetAsync();
        Service.Clock.SetNow("2025-03-03T15:00:00Z");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(JsonObject Dispute, string Token, JsonObject Link)> LinkedAsync(int? days = null)
    {
        await Agent.RegisterAccountAsync();
        var dispute = await Agent.OpenDisputeAsync();
        var link = await Agent.LinkAsync(dispute, days);
        return (dispute, link["token"].Str(), link);
    }

    private async Task<JsonObject> UploadedAsync(string token, byte[] bytes, string name)
    {
        var response = await Service.UploadAsync(token, bytes, name);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    private async Task<(HttpResponseMessage Response, byte[] Bytes)> DownloadAsync(JsonObject dispute, JsonNode fileId, HttpClient? client = null)
    {
        var response = await (client ?? Agent).GetAsync($"/api/disputes/{dispute["disputeId"]}/files/{fileId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task a_link_shows_its_token_once_keeps_only_its_hash_and_takes_files_until_it_expires()
    {
        var (dispute, token, link) = await LinkedAsync();

        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length >= 16);
        Assert.Equal($"/api/uploads/{token}/files", link["url"].Str());
        Assert.StartsWith("2025-03-10T15:0", link["expiresAt"].Str());
        Assert.Equal(0, await Service.ScalarAsync<long>($"select count(*) from disputes.mt_doc_uploadlink where data::text like '%{token}%'"));
        Assert.Equal(1, await Service.ScalarAsync<long>($"select count(*) from disputes.mt_doc_uploadlink where data->>'tokenSha256' = '{EvidenceScenes.Sha256(System.Text.Encoding.UTF8.GetBytes(token))}'"));

        await UploadedAsync(token, EvidenceScenes.Pdf(), "receipt.pdf");
        Service.Clock.SetNow("2025-03-10T14:59:00Z");
        await UploadedAsync(token, EvidenceScenes.Pdf(), "statement.pdf");

        // A minute past the week: the link was made a moment after the test clock was set.
        Service.Clock.SetNow("2025-03-10T15:01:00Z");
        var expired = await Service.UploadAsync(token, EvidenceScenes.Pdf(), "late.pdf");

        var problem = await expired.ProblemAsync(HttpStatusCode.Gone);
        Assert.EndsWith("/link-gone", problem["type"].Str());
        Assert.Equal((2, 2), await Service.StoredAsync(dispute));
    }

    [Fact]
    public async Task each_upload_is_a_documents_received_step_from_the_cardmember_naming_the_file()
    {
        var (dispute, token, _) = await LinkedAsync();

        var file = await UploadedAsync(token, EvidenceScenes.Pdf(), "receipt.pdf");

        var current = await Agent.GetDisputeAsync(dispute);
        Assert.Equal((long)dispute["version"]! + 1, (long)current["version"]!);
        var step = current["steps"]!.AsArray().Last()!;
        Assert.Equal("documents_received", step["type"].Str());
        Assert.Contains("cardmember", step["summary"].Str());
        Assert.Contains("receipt.pdf", step["summary"].Str());
        var recorded = await Service.ScalarAsync<string>(
            $"select data::text || ' ' || coalesce(user_name, '') from disputes.mt_events where stream_id = '{dispute["disputeId"]}' and type = 'documents_received'");
        Assert.Contains(file["fileId"].Str(), recorded);
        Assert.Contains("cardmember via link", recorded);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("png")]
    [InlineData("jpeg")]
    public async Task a_pdf_a_png_and_a_jpeg_are_stored_with_their_type_and_sha256_and_downloaded_as_attachments(string kind)
    {
        var (dispute, token, _) = await LinkedAsync();
        var (bytes, type) = kind switch
        {
            "pdf" => (EvidenceScenes.Pdf(), "application/pdf"),
            "png" => (EvidenceScenes.Picture(SKEncodedImageFormat.Png), "image/png"),
            _ => (EvidenceScenes.Picture(SKEncodedImageFormat.Jpeg), "image/jpeg"),
        };

        // The name and Content-Type say nothing true: the bytes decide.
        var file = await UploadedAsync(token, bytes, $"../../etc/my \"scan\"\r\n.{kind}.txt");

        Assert.Equal(type, file["type"].Str());
        var listed = Assert.Single(JsonNode.Parse(await Agent.GetStringAsync($"/api/disputes/{dispute["disputeId"]}/files"))!.AsArray())!;
        Assert.Equal(file["sha256"].Str(), listed["sha256"].Str());
        Assert.Equal(EvidenceScenes.Sha256(bytes), listed["receivedSha256"].Str());
        Assert.StartsWith("cardmember via link ", listed["uploadedBy"].Str());
        var (response, stored) = await DownloadAsync(dispute, file["fileId"]!);
        Assert.Equal(file["sha256"].Str(), EvidenceScenes.Sha256(stored));
        Assert.Equal(stored.Length, (long)file["size"]!);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        var name = disposition.FileNameStar ?? disposition.FileName!.Trim('"');
        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('"', name);
        Assert.DoesNotContain('\n', name);
        Assert.EndsWith(kind == "jpeg" ? ".jpg" : "." + kind, name);
        if (kind == "pdf")
        {
            Assert.Equal(bytes, stored);
        }

        // Compliance reads evidence too.
        await DownloadAsync(dispute, file["fileId"]!, Service.ClientAs("compliance", "officer-1"));
    }

    [Fact]
    public async Task the_cardmember_sees_what_they_sent_and_nothing_of_who_stored_it()
    {
        var (dispute, token, link) = await LinkedAsync();
        await UploadedAsync(token, EvidenceScenes.Pdf(), "receipt.pdf");
        var cardmember = Service.ClientAs("cardmember", "cm-a", "acct-1001");

        var body = await cardmember.GetStringAsync($"/api/me/disputes/{dispute["caseNumber"]}");

        var file = Assert.Single(JsonNode.Parse(body)!["files"]!.AsArray())!;
        Assert.Equal("receipt.pdf", file["name"].Str());
        Assert.Equal("application/pdf", file["type"].Str());
        Assert.Equal(EvidenceScenes.Pdf().Length, (long)file["size"]!);
        Assert.Equal("2025-03-03", file["uploadedOn"].Str());
        Assert.DoesNotContain(link["linkId"].Str(), body, StringComparison.Ordinal);
        Assert.DoesNotContain("via link", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_jpeg_loses_its_exif_gps_position_before_it_is_stored()
    {
        var (dispute, token, _) = await LinkedAsync();
        var sent = EvidenceScenes.JpegWithGps();
        Assert.True(EvidenceScenes.Contains(sent, "Exif\0\0"u8));

        var file = await UploadedAsync(token, sent, "photo.jpg");

        var (_, stored) = await DownloadAsync(dispute, file["fileId"]!);
        Assert.False(EvidenceScenes.Contains(stored, "Exif"u8));
        Assert.NotEqual(EvidenceScenes.Sha256(sent), file["sha256"].Str());
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task a_png_loses_its_exif_gps_position_before_it_is_stored()
    {
        var (dispute, token, _) = await LinkedAsync();
        var sent = EvidenceScenes.PngWithGps();
        Assert.True(EvidenceScenes.Contains(sent, "eXIf"u8));

        var file = await UploadedAsync(token, sent, "photo.png");

        var (_, stored) = await DownloadAsync(dispute, file["fileId"]!);
        Assert.False(EvidenceScenes.Contains(stored, "eXIf"u8));
        Assert.False(EvidenceScenes.Contains(stored, "GPS"u8));
        using var decoded = SKBitmap.Decode(stored);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task a_signed_in_cardmember_of_another_account_cannot_use_the_link_and_nothing_is_stored()
    {
        var (dispute, token, _) = await LinkedAsync();
        var content = new ByteArrayContent(EvidenceScenes.Pdf());
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/uploads/{token}/files") { Content = content };
        request.Headers.Add("X-File-Name", "receipt.pdf");

        var response = await Service.ClientAs("cardmember", "cm-other", "acct-2002").SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("another account", problem["detail"].Str());
        Assert.Equal((0, 0), await Service.StoredAsync(dispute));
        Assert.Equal(dispute["version"]!.GetValue<long>(), (long)(await Agent.GetDisputeAsync(dispute))["version"]!);
    }

    [Fact]
    public async Task html_named_pdf_is_refused_and_nothing_is_stored()
    {
        var (dispute, token, _) = await LinkedAsync();

        var response = await Service.UploadAsync(token, "<html><script>alert(1)</script></html>"u8.ToArray(), "receipt.pdf", "application/pdf");

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.EndsWith("/unsupported-file", problem["type"].Str());
        Assert.Equal((0, 0), await Service.StoredAsync(dispute));
        Assert.Equal(dispute["version"]!.GetValue<long>(), (long)(await Agent.GetDisputeAsync(dispute))["version"]!);
    }

    [Fact]
    public async Task a_broken_image_an_empty_file_and_a_file_over_10_mb_are_refused()
    {
        var (dispute, token, _) = await LinkedAsync();

        await (await Service.UploadAsync(token, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3], "x.png")).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await Service.UploadAsync(token, [], "empty.pdf")).ProblemAsync(HttpStatusCode.BadRequest);
        var huge = new byte[10 * 1024 * 1024 + 1];
        "%PDF-1.4\n"u8.CopyTo(huge);
        await (await Service.UploadAsync(token, huge, "huge.pdf")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var exactly = huge[..(10 * 1024 * 1024)];
        await UploadedAsync(token, exactly, "just-fits.pdf");

        Assert.Equal((1, 1), await Service.StoredAsync(dispute));
    }

    [Fact]
    public async Task the_21st_file_of_a_dispute_is_refused()
    {
        var (dispute, token, _) = await LinkedAsync();
        for (var i = 0; i < 20; i++)
        {
            await UploadedAsync(token, EvidenceScenes.Pdf(), $"page-{i}.pdf");
        }

        var response = await Service.UploadAsync(token, EvidenceScenes.Pdf(), "page-21.pdf");

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.EndsWith("/file-limit", problem["type"].Str());
        Assert.Equal((20, 20), await Service.StoredAsync(dispute));
    }

    [Fact]
    public async Task a_revoked_link_is_refused()
    {
        var (dispute, token, link) = await LinkedAsync();

        var revoked = await Agent.DeleteAsync($"/api/disputes/{dispute["disputeId"]}/upload-links/{link["linkId"]}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var response = await Service.UploadAsync(token, EvidenceScenes.Pdf(), "receipt.pdf");

        await response.ProblemAsync(HttpStatusCode.Gone);
        Assert.Equal((0, 0), await Service.StoredAsync(dispute));
        await (await Agent.DeleteAsync($"/api/disputes/{Guid.NewGuid()}/upload-links/{link["linkId"]}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_wrong_token_is_404_and_nothing_is_stored()
    {
        var (dispute, token, _) = await LinkedAsync();

        var response = await Service.UploadAsync(token[..^2] + (token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"), EvidenceScenes.Pdf(), "receipt.pdf");

        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal((0, 0), await Service.StoredAsync(dispute));
    }

    [Fact]
    public async Task a_link_lasts_at_most_30_days()
    {
        await Agent.RegisterAccountAsync();
        var dispute = await Agent.OpenDisputeAsync();

        var tooLong = await Agent.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/upload-links", new JsonObject { ["expiresInDays"] = 31, ["expectedVersion"] = (long)dispute["version"]! });
        var stale = await Agent.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/upload-links", new JsonObject { ["expectedVersion"] = (long)dispute["version"]! + 5 });

        Assert.Equal(["expiresInDays"], (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        var longest = await Agent.LinkAsync(dispute, 30);
        Assert.StartsWith("2025-04-02T15:0", longest["expiresAt"].Str());
    }
}

/// <summary>The upload's allowance per address.</summary>
public sealed class when_uploads_come_too_fast(when_uploads_come_too_fast.Fixture fixture) : IClassFixture<when_uploads_come_too_fast.Fixture>
{
    /// <summary>A host allowing three uploads a minute.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly EvidenceFixture inner = new() { UploadsPerMinute = 3 };

        public DisputesHost Host => inner.Host;

        public ValueTask InitializeAsync() => inner.InitializeAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task the_fourth_upload_in_a_minute_is_429_even_with_a_wrong_token()
    {
        for (var i = 0; i < 3; i++)
        {
            await (await fixture.Host.UploadAsync("no-such-token", EvidenceScenes.Pdf(), "a.pdf")).ProblemAsync(HttpStatusCode.NotFound);
        }

        var response = await fixture.Host.UploadAsync("no-such-token", EvidenceScenes.Pdf(), "a.pdf");

        await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
