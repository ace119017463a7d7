using System.Text;

namespace Disputes.Api.Evidence;

/// <summary>
/// The name a file is kept and served under: the sender's name reduced to its last path segment, letters, digits,
/// spaces, dots, dashes and underscores only, at most 100 characters, ending in the extension of the kind its bytes
/// showed, so a download can never carry a path, a control character or a misleading extension.
/// </summary>
public static class EvidenceFileName
{
    private const int MaxLength = 100;

    /// <summary>The cleaned name for <paramref name="sent"/> (percent-encoded UTF-8 as sent in the header, or null).</summary>
    public static string Clean(string? sent, EvidenceFileKind kind)
    {
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(sent ?? "");
        }
        catch (UriFormatException)
        {
            decoded = "";
        }

        var last = decoded.Split('/', '\\').LastOrDefault() ?? "";
        var extension = EvidenceFileKinds.Extension(kind);
        var stem = Path.GetFileNameWithoutExtension(last);
        var kept = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormC))
        {
            kept.Append(char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' ? c : '_');
        }

        var name = kept.ToString().Trim(' ', '.');
        if (name.Length == 0)
        {
            name = "document";
        }

        return (name.Length > MaxLength - extension.Length ? name[..(MaxLength - extension.Length)] : name) + extension;
    }
}
