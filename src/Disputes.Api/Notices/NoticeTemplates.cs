using System.Text.RegularExpressions;
using Disputes.Domain.Notices;
using Fluid;

namespace Disputes.Api.Notices;

/// <summary>One reviewed letter: the Liquid file of a notice kind in a language, parsed, with the version it declares.</summary>
/// <param name="Kind">The notice kind it writes.</param>
/// <param name="Language">The language it is written in.</param>
/// <param name="Version">The version its header declares, e.g. <c>2026-12-01.1</c>; recorded with every notice rendered from it.</param>
/// <param name="Path">The file it was read from.</param>
/// <param name="Template">The parsed template.</param>
internal sealed record NoticeTemplate(NoticeKind Kind, NoticeLanguage Language, string Version, string Path, IFluidTemplate Template);

/// <summary>
/// The templates of every notice kind in every language, read once from a folder of plain Liquid files named
/// <c>{kind}.{language}.liquid</c> (<c>documents_request.es.liquid</c>). Each file opens with a Liquid comment whose
/// <c>version:</c> line (<c>version: 2026-12-01.1</c>: the date it was approved and a count within that day) names the
/// text a compliance officer approved; the renderer records it with every notice.
/// </summary>
internal sealed partial class NoticeTemplates
{
    /// <summary>The folder the templates are copied to beside the service's assembly.</summary>
    public static string OutputFolder => System.IO.Path.Combine(AppContext.BaseDirectory, "Notices", "Templates");

    private readonly Dictionary<(NoticeKind, NoticeLanguage), NoticeTemplate> templates;

    private NoticeTemplates(Dictionary<(NoticeKind, NoticeLanguage), NoticeTemplate> templates) => this.templates = templates;

    /// <summary>The template of <paramref name="kind"/> in <paramref name="language"/>.</summary>
    public NoticeTemplate this[NoticeKind kind, NoticeLanguage language] => templates[(kind, language)];

    /// <summary>
    /// Reads and parses every template in <paramref name="folder"/>, refusing the whole set when any is missing, does
    /// not parse, or declares no version: a letter that cannot be rendered or whose version is unknown must fail when
    /// the service starts, not when a notice is due.
    /// </summary>
    /// <exception cref="InvalidOperationException">Some template is missing or broken; the message lists each problem.</exception>
    public static NoticeTemplates Load(string folder, FluidParser parser)
    {
        var found = new Dictionary<(NoticeKind, NoticeLanguage), NoticeTemplate>();
        var problems = new List<string>();
        foreach (var kind in NoticeKinds.All)
        {
            foreach (var language in NoticeLanguages.All)
            {
                var path = System.IO.Path.Combine(folder, $"{NoticeKinds.Name(kind)}.{NoticeLanguages.Code(language)}.liquid");
                if (!File.Exists(path))
                {
                    problems.Add($"{path} is missing");
                    continue;
                }

                var source = File.ReadAllText(path);
                if (VersionOf(source) is not { } version)
                {
                    problems.Add($"{path} declares no version: it must open with {{% comment %}} holding a line 'version: yyyy-MM-dd.n'");
                    continue;
                }

                if (!parser.TryParse(source, out var template, out var error))
                {
                    problems.Add($"{path} does not parse: {error}");
                    continue;
                }

                found[(kind, language)] = new NoticeTemplate(kind, language, version, path, template);
            }
        }

        return problems.Count == 0
            ? new NoticeTemplates(found)
            : throw new InvalidOperationException($"The notice templates in {folder} cannot be used: {string.Join("; ", problems)}.");
    }

    /// <summary>The version declared in the opening comment of a template's source; null when it declares none.</summary>
    public static string? VersionOf(string source)
    {
        var header = Header().Match(source);
        if (!header.Success)
        {
            return null;
        }

        var version = VersionLine().Match(header.Groups["body"].Value);
        return version.Success ? version.Groups["version"].Value : null;
    }

    [GeneratedRegex(@"\A\s*\{%-?\s*comment\s*-?%\}(?<body>.*?)\{%-?\s*endcomment\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*version:\s*(?<version>\d{4}-\d{2}-\d{2}\.\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
