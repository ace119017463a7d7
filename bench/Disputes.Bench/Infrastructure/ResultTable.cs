using Disputes.Bench.Scenarios;

namespace Disputes.Bench.Infrastructure;

/// <summary>Prints a scenario's rows as an aligned text table.</summary>
public static class ResultTable
{
    public static void Write(TextWriter output, string title, IReadOnlyList<ResultRow> rows, IReadOnlyList<string> notes)
    {
        string[] header = ["measure", "service", "baseline", "ratio"];
        var cells = rows.Select(r => new[] { r.Measure, r.Value, r.Baseline, r.Ratio }).ToList();
        var widths = Enumerable.Range(0, header.Length)
            .Select(i => cells.Select(c => c[i].Length).Append(header[i].Length).Max())
            .ToArray();

        output.WriteLine();
        output.WriteLine($"== {title}");
        output.WriteLine(Line(header, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in cells)
        {
            output.WriteLine(Line(row, widths));
        }

        foreach (var note in notes)
        {
            output.WriteLine($"  * {note}");
        }

        output.WriteLine();
        output.Flush();
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
}
