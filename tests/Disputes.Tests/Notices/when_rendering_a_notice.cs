using System.Security.Cryptography;
using System.Text;
using Disputes.Api.Notices;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Notices;
using Disputes.Domain.Screening;
using NodaTime;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// Rule book section 8: every notice, in English and in Spanish, says what it must, in its HTML and in its PDF alike;
/// renders to the same bytes every time; and never carries a secret.
/// </summary>
public sealed class when_rendering_a_notice
{
    public static TheoryData<string, string> ScenesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var scene in NoticeScenes.Names)
        {
            data.Add(scene, "en");
            data.Add(scene, "es");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenesAndLanguages))]
    public void the_html_and_the_pdf_both_say_what_section_8_requires(string scene, string code)
    {
        var language = NoticeLanguages.Parse(code);
        var content = NoticeScenes.Content(scene);

        var notice = NoticeScenes.Renderer.Render(content, language);
        KeepForReview(notice, $"{scene}.{code}");

        var html = NoticeScenes.Visible(notice.Html);
        var pdf = NoticeScenes.PdfText(notice.Pdf);
        var text = NoticeScenes.Collapse(notice.Text);
        foreach (var fact in NoticeScenes.Required(scene, language))
        {
            var (inHtml, printed) = (NoticeScenes.InHtml(fact), NoticeScenes.Printed(fact));
            Assert.True(html.Contains(inHtml, StringComparison.Ordinal), $"The {code} HTML of {scene} does not say \"{inHtml}\":\n{html}");
            Assert.True(pdf.Contains(printed, StringComparison.Ordinal), $"The {code} PDF of {scene} does not say \"{printed}\":\n{pdf}");
            Assert.True(text.Contains(printed, StringComparison.Ordinal), $"The {code} text of {scene} does not say \"{printed}\":\n{text}");
        }

        Assert.Equal(content.Kind, notice.Kind);
        Assert.Equal(language, notice.Language);
        Assert.Equal("2026-12-01.1", notice.TemplateVersion);
        Assert.Contains($"<html lang=\"{code}\">", notice.Html);
    }

    /// <summary>With DISPUTES_KEEP_NOTICES set to a folder, every letter rendered here is written there, to read or to look at.</summary>
    private static void KeepForReview(RenderedNotice notice, string name)
    {
        if (Environment.GetEnvironmentVariable("DISPUTES_KEEP_NOTICES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name + ".html"), notice.Html);
            File.WriteAllBytes(Path.Combine(folder, name + ".pdf"), notice.Pdf);
            File.WriteAllText(Path.Combine(folder, name + ".txt"), notice.Text);
        }
    }

    [Theory]
    [MemberData(nameof(ScenesAndLanguages))]
    public void the_letter_is_dated_in_the_accounts_zone_and_never_shows_the_utc_date(string scene, string code)
    {
        var notice = NoticeScenes.Renderer.Render(NoticeScenes.Content(scene), NoticeLanguages.Parse(code));

        // Sent at 02:30 UTC on 03-21, which is still 03-20 in New York; no date of the letter falls on 03-21.
        Assert.DoesNotContain(code == "en" ? "March 21, 2025" : "21 de marzo de 2025", NoticeScenes.Visible(notice.Html));
        Assert.DoesNotContain(code == "en" ? "March 21, 2025" : "21 de marzo de 2025", NoticeScenes.PdfText(notice.Pdf));
    }

    [Fact]
    public void a_letter_is_written_in_its_language_only()
    {
        var english = NoticeScenes.Visible(NoticeScenes.Renderer.Render(NoticeScenes.Content("explanation"), NoticeLanguage.En).Html);
        var spanish = NoticeScenes.Visible(NoticeScenes.Renderer.Render(NoticeScenes.Content("explanation"), NoticeLanguage.Es).Html);

        Assert.DoesNotContain("Usted", english);
        Assert.DoesNotContain("You still owe", spanish);
        Assert.DoesNotContain("March", spanish);
        Assert.Contains("marzo", spanish);
    }

    [Theory]
    [InlineData("en", "delinquent")]
    [InlineData("es", "mora")]
    public void a_letter_that_leaves_nothing_owed_warns_of_no_delinquency_and_one_without_a_missed_deadline_of_no_forfeiture(string code, string delinquency)
    {
        var language = NoticeLanguages.Parse(code);
        var nothingOwed = NoticeScenes.Renderer.Render(NoticeScenes.Content("explanation_with_nothing_owed"), language);
        var onTime = NoticeScenes.Renderer.Render(NoticeScenes.Content("explanation"), language);

        Assert.DoesNotContain(delinquency, nothingOwed.Text);
        Assert.DoesNotContain("$50.00", onTime.Text);
        Assert.DoesNotContain("Fair Credit Billing Act", onTime.Text);
    }

    [Fact]
    public void rendering_again_gives_the_same_bytes_and_the_hashes_are_of_those_bytes()
    {
        var content = NoticeScenes.Content("partial_correction");

        var first = NoticeScenes.Renderer.Render(content, NoticeLanguage.Es);
        var again = NoticeRenderer.FromOutput().Render(content, NoticeLanguage.Es);

        Assert.Equal(first.Pdf, again.Pdf);
        Assert.Equal(first.Html, again.Html);
        Assert.Equal(first.PdfSha256, again.PdfSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first.Pdf)), first.PdfSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(first.Html))), first.HtmlSha256);
        Assert.Matches("^[0-9a-f]{64}$", first.PdfSha256);
    }

    [Theory]
    [InlineData("en", "51a4796568e1173d8a8b177154f95b280ad7446ff30b3b8aa0a4a70401212d5f")]
    [InlineData("es", "67bf6a9a3fb3726b78980cc6b75dbb074594f69f46fe60deaee6d645688d408c")]
    public void the_same_letter_is_the_same_bytes_on_any_machine(string code, string sha256)
    {
        // Pinned on one machine and checked on every other (CI included), whatever its zone, culture or fonts. A change
        // to the acknowledgment's template or to the layout changes it on purpose: then give the template a new version
        // and pin the new hash here.
        var notice = NoticeScenes.Renderer.Render(NoticeScenes.Content("acknowledgment"), NoticeLanguages.Parse(code));

        Assert.Equal(sha256, notice.PdfSha256);
    }

    [Fact]
    public void the_pdf_is_dated_with_the_sent_instant_in_utc_whatever_the_machines_zone()
    {
        var notice = NoticeScenes.Renderer.Render(NoticeScenes.Content("acknowledgment"), NoticeLanguage.En);
        var raw = Encoding.Latin1.GetString(notice.Pdf);

        Assert.Matches(@"/CreationDate\s*\(D:20250321023000\+00'00'\)", raw);
        Assert.Matches(@"/ModDate\s*\(D:20250321023000\+00'00'\)", raw);
        Assert.Contains("<xmp:CreateDate>2025-03-21T02:30:00Z</xmp:CreateDate>", raw);
    }

    [Fact]
    public void another_sent_instant_or_language_is_another_document()
    {
        var dispute = NoticeScenes.Open();
        var first = NoticeScenes.Renderer.Render(AcknowledgmentNotice.For(dispute, NoticeScenes.Issuer, NoticeScenes.SentAt), NoticeLanguage.En);
        var later = NoticeScenes.Renderer.Render(AcknowledgmentNotice.For(dispute, NoticeScenes.Issuer, NoticeScenes.SentAt + Duration.FromMinutes(1)), NoticeLanguage.En);
        var spanish = NoticeScenes.Renderer.Render(AcknowledgmentNotice.For(dispute, NoticeScenes.Issuer, NoticeScenes.SentAt), NoticeLanguage.Es);

        Assert.NotEqual(first.PdfSha256, later.PdfSha256);
        Assert.NotEqual(first.PdfSha256, spanish.PdfSha256);
    }

    [Fact]
    public void a_long_letter_wraps_and_runs_onto_further_pages_with_every_word_kept()
    {
        var reasons = string.Join(' ', Enumerable.Range(1, 700).Select(i => $"reason{i}"));
        var content = ExplanationNotice.For(NoticeScenes.Explained(reasons), NoticeScenes.Issuer, NoticeScenes.SentAt);

        var notice = NoticeScenes.Renderer.Render(content, NoticeLanguage.En);

        var pages = NoticeScenes.PdfPages(notice.Pdf);
        Assert.True(pages.Count >= 2, $"A letter this long fits on {pages.Count} page.");
        var words = NoticeScenes.PdfText(notice.Pdf).Split(' ').ToHashSet();
        Assert.All(Enumerable.Range(1, 700), i => Assert.Contains($"reason{i}", words));
        Assert.Contains($"DSP-2025-000042 · 1/{pages.Count}", pages[0]);
        Assert.Contains($"DSP-2025-000042 · {pages.Count}/{pages.Count}", pages[^1]);
    }

    [Fact]
    public void every_value_is_html_encoded()
    {
        var dispute = NoticeScenes.Open(merchant: "<script>alert(1)</script> & \"Sons\"");

        var notice = NoticeScenes.Renderer.Render(AcknowledgmentNotice.For(dispute, NoticeScenes.Issuer, NoticeScenes.SentAt), NoticeLanguage.En);

        Assert.DoesNotContain("<script>", notice.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;", notice.Html);
        Assert.Contains("<script>alert(1)</script> & \"Sons\"", NoticeScenes.PdfText(notice.Pdf));
    }

    [Fact]
    public void the_page_is_self_contained_and_structured_for_screen_readers()
    {
        var notice = NoticeScenes.Renderer.Render(NoticeScenes.Content("acknowledgment"), NoticeLanguage.Es);

        Assert.StartsWith("<!DOCTYPE html>", notice.Html);
        Assert.Contains("<title>Recibimos su aviso de error de facturación, caso DSP-2025-000042</title>", notice.Html);
        Assert.Contains("<main>", notice.Html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(notice.Html, "<h1>"));
        Assert.DoesNotContain("src=", notice.Html);
        Assert.DoesNotContain("href=", notice.Html);
        Assert.DoesNotContain("{{", notice.Html);
    }

    [Theory]
    [InlineData("The cardmember's card 4111 1111 1111 1111 was used", SensitiveDataKind.CardNumber)]
    [InlineData("Verified with SSN 123-45-6789", SensitiveDataKind.SocialSecurityNumber)]
    public void a_secret_in_an_explanation_refuses_the_notice_without_repeating_it(string reasons, SensitiveDataKind kind)
    {
        var content = ExplanationNotice.For(NoticeScenes.Explained(reasons), NoticeScenes.Issuer, NoticeScenes.SentAt);

        foreach (var language in NoticeLanguages.All)
        {
            var refused = Assert.Throws<NoticeScreeningViolation>(() => NoticeScenes.Renderer.Render(content, language));
            Assert.Equal(kind, refused.Found);
            Assert.Equal(NoticeKind.Explanation, refused.Notice);
            Assert.DoesNotContain("1111", refused.Message);
            Assert.DoesNotContain("6789", refused.Message);
        }
    }

    [Fact]
    public void the_rendered_letters_of_every_scene_pass_the_screen()
    {
        // Dates, amounts, the case number and the card ending are not secrets: no letter is refused for its own facts.
        foreach (var scene in NoticeScenes.Names)
        {
            foreach (var language in NoticeLanguages.All)
            {
                Assert.Null(SensitiveDataScreen.Find(NoticeScenes.Renderer.Render(NoticeScenes.Content(scene), language).Text));
            }
        }
    }

    [Fact]
    public void the_resolution_and_its_notice_agree()
    {
        var resolved = NoticeScenes.Open().Resolved(new ResolveDispute(ResolutionOutcome.Corrected, 1234.56m, null, null, null), NoticeScenes.SentAt);

        var notice = NoticeScenes.Renderer.Render(NoticeContent.ForResolution(resolved, NoticeScenes.Issuer, NoticeScenes.SentAt), NoticeLanguage.En);

        Assert.Equal(NoticeKinds.ForResolution(ResolutionOutcome.Corrected), notice.Kind);
    }
}
