using CsvHelper;

namespace Disputes.Api.Compliance.Audit;

/// <summary>
/// How the service writes every CSV it hands out: RFC 4180 through CsvHelper, with any text field that a
/// spreadsheet would run as a formula (one beginning with <c>= + - @</c>, a tab or a carriage return) prefixed
/// with a single quote, as OWASP advises against CSV injection.
/// </summary>
public static class CsvExports
{
    /// <summary>The writer options of every export.</summary>
    public static CsvWriterOptions Options { get; } = new() { Injection = CsvInjection.Escape };

    /// <summary>The header and the rows as CSV text.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            WriteRecord(csv, header);
            foreach (var row in rows)
            {
                WriteRecord(csv, row);
            }

            csv.Flush();
        }

        return text.ToString();
    }

    private static void WriteRecord(CsvWriter csv, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.EndRecord();
    }
}
