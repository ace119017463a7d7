using Disputes.Api.Problems;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.Compliance.Audit;

/// <summary>Reads the query parameters of the audit views.</summary>
internal static class AuditParameters
{
    /// <summary>An ISO instant such as <c>2025-04-01T00:00:00Z</c>; null (with an error unless optional) when absent or malformed.</summary>
    public static Instant? Instant(FieldErrors errors, string field, string? value, bool required = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                errors.Add(field, "is required: an ISO instant such as 2025-04-01T00:00:00Z.");
            }

            return null;
        }

        var result = InstantPattern.ExtendedIso.Parse(value);
        if (!result.Success)
        {
            errors.Add(field, "must be an ISO instant such as 2025-04-01T00:00:00Z.");
            return null;
        }

        return result.Value;
    }
}
