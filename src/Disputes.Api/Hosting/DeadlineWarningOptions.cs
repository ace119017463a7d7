namespace Disputes.Api.Hosting;

/// <summary>Configuration section <c>Disputes:DeadlineWarnings</c>.</summary>
public sealed class DeadlineWarningOptions
{
    /// <summary>How many days before a breach to warn, once each; 7 and 2 unless configured.</summary>
    public int[] DaysBefore { get; set; } = [7, 2];
}
