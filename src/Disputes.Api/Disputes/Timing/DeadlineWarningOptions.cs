using System.ComponentModel.DataAnnotations;
using Disputes.Api.Hosting;

namespace Disputes.Api.Disputes.Timing;

/// <summary>Configuration section <c>Disputes:DeadlineWarnings</c>: when the service warns that a clock will breach.</summary>
public sealed class DeadlineWarningOptions : ISettings, IValidatableObject
{
    /// <inheritdoc/>
    public static string Section => "Disputes:DeadlineWarnings";

    /// <summary>How many days before a breach to warn, once each; 7 and 2 unless configured. Each from 1 to 89.</summary>
    public int[] DaysBefore { get; set; } = [7, 2];

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // No clock runs longer than the 90-day cap, so an earlier warning would come before the clock starts.
        if (DaysBefore.Any(days => days is < 1 or > 89))
        {
            yield return new ValidationResult(
                $"each value must be from 1 to 89 days (it is {string.Join(", ", DaysBefore)}).", [nameof(DaysBefore)]);
        }
    }
}
