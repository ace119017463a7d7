using Disputes.Api.Notices;
using Disputes.Domain.Notices;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>The templates are plain files, one per kind and language, each with the version a compliance officer approved.</summary>
public sealed class when_loading_the_notice_templates : IDisposable
{
    private static readonly string Templates = Path.Combine(AppContext.BaseDirectory, "Notices", "Templates");
    private readonly string copy = Directory.CreateTempSubdirectory("disputes-templates-").FullName;

    [Fact]
    public void every_kind_has_a_versioned_template_in_each_language()
    {
        foreach (var kind in NoticeKinds.All)
        {
            foreach (var language in NoticeLanguages.All)
            {
                Assert.True(File.Exists(Path.Combine(Templates, $"{NoticeKinds.Name(kind)}.{NoticeLanguages.Code(language)}.liquid")));
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}\.\d+$", NoticeScenes.Renderer.TemplateVersion(kind, language));
            }
        }
    }

    [Fact]
    public void the_version_rendered_is_the_one_the_file_declares()
    {
        CopyTemplates();
        var file = Path.Combine(copy, "acknowledgment.es.liquid");
        File.WriteAllText(file, File.ReadAllText(file).Replace("version: 2026-12-01.1", "version: 2027-01-15.2", StringComparison.Ordinal));

        var notice = NoticeRenderer.FromFolder(copy).Render(NoticeScenes.Content("acknowledgment"), NoticeLanguage.Es);

        Assert.Equal("2027-01-15.2", notice.TemplateVersion);
    }

    [Fact]
    public void a_template_without_a_version_or_missing_refuses_the_whole_set()
    {
        CopyTemplates();
        var unversioned = Path.Combine(copy, "correction.en.liquid");
        File.WriteAllText(unversioned, File.ReadAllText(unversioned).Replace("version: 2026-12-01.1", "", StringComparison.Ordinal));
        File.Delete(Path.Combine(copy, "reporting.es.liquid"));

        var refused = Assert.Throws<InvalidOperationException>(() => NoticeRenderer.FromFolder(copy));

        Assert.Contains("correction.en.liquid declares no version", refused.Message);
        Assert.Contains("reporting.es.liquid is missing", refused.Message);
    }

    [Fact]
    public void a_template_naming_a_value_that_does_not_exist_fails_instead_of_printing_nothing()
    {
        CopyTemplates();
        var file = Path.Combine(copy, "explanation.en.liquid");
        File.WriteAllText(file, File.ReadAllText(file).Replace("{{ e.reasons }}", "{{ e.reason }}", StringComparison.Ordinal));

        Assert.ThrowsAny<InvalidOperationException>(() => NoticeRenderer.FromFolder(copy).Render(NoticeScenes.Content("explanation"), NoticeLanguage.En));
    }

    public void Dispose() => Directory.Delete(copy, recursive: true);

    private void CopyTemplates()
    {
        foreach (var file in Directory.EnumerateFiles(Templates, "*.liquid"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
    }
}
