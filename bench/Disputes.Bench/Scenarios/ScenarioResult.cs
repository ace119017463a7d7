namespace Disputes.Bench.Scenarios;

/// <summary>What a scenario measured: the console table, the figures for its JSON file, and notes on how to read them.</summary>
/// <param name="Rows">The table: one row per measure.</param>
/// <param name="Figures">Everything measured, serialized into the JSON file's <c>figures</c>.</param>
/// <param name="Notes">How to read the figures, and anything that did not work.</param>
public sealed record ScenarioResult(IReadOnlyList<ResultRow> Rows, object Figures, IReadOnlyList<string> Notes);

/// <summary>One line of a scenario's table.</summary>
/// <param name="Measure">What is measured, e.g. <c>disputes/s</c>.</param>
/// <param name="Value">The service's figure.</param>
/// <param name="Baseline">The baseline's figure, when the measure has one.</param>
/// <param name="Ratio">Value / baseline, when meaningful.</param>
public sealed record ResultRow(string Measure, string Value, string Baseline = "", string Ratio = "")
{
    public static ResultRow Compare(string measure, double value, double baseline, string format = "N0") =>
        new(measure, value.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
            baseline.ToString(format, System.Globalization.CultureInfo.InvariantCulture),
            baseline > 0 ? (value / baseline).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "");

    public static ResultRow Single(string measure, double value, string format = "N0") =>
        new(measure, value.ToString(format, System.Globalization.CultureInfo.InvariantCulture));
}
