using NodaTime;
using NodaTime.Text;

namespace Disputes.Api.Problems;

/// <summary>Collects every bad field of a request, so one 400 answer names them all.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>True when no field was found wrong.</summary>
    public bool IsEmpty => errors.Count == 0;

    /// <summary>Records that <paramref name="field"/> is wrong, and why.</summary>
    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Checks a required text field: present, not blank, at most <paramref name="maxLength"/> characters, no control characters.</summary>
    public string? Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
            return null;
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            Add(field, "must not contain control characters.");
            return null;
        }

        return value.Trim();
    }

    /// <summary>
    /// Reads an ISO instant such as <c>2025-04-01T00:00:00Z</c> from a query parameter; null when absent (an error
    /// too when <paramref name="required"/>) or malformed.
    /// </summary>
    public Instant? Instant(string field, string? value, bool required = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Add(field, "is required: an ISO instant such as 2025-04-01T00:00:00Z.");
            }

            return null;
        }

        var result = InstantPattern.ExtendedIso.Parse(value);
        if (!result.Success)
        {
            Add(field, "must be an ISO instant such as 2025-04-01T00:00:00Z.");
            return null;
        }

        return result.Value;
    }

    /// <summary>Reads an ISO date (<c>yyyy-MM-dd</c>) from a query parameter; null when absent or malformed.</summary>
    public LocalDate? Date(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(value);
        if (!result.Success)
        {
            Add(field, "must be a date as yyyy-MM-dd.");
            return null;
        }

        return result.Value;
    }

    /// <summary>
    /// Reads a whole number from <paramref name="min"/> to <paramref name="max"/> from a query parameter;
    /// <paramref name="fallback"/> when absent or wrong.
    /// </summary>
    public int Number(string field, string? value, int fallback, int min, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, out var number) || number < min || number > max)
        {
            Add(field, $"must be a whole number from {min} to {max}.");
            return fallback;
        }

        return number;
    }

    /// <summary>Checks a money amount: present, more than 0, at most two decimals, below a billion.</summary>
    public decimal? Money(string field, decimal? value, bool required = true)
    {
        switch (value)
        {
            case null:
                if (required)
                {
                    Add(field, "is required.");
                }

                return null;
            case <= 0:
                Add(field, "must be more than 0.");
                return null;
            case >= 1_000_000_000m:
                Add(field, "must be less than 1,000,000,000.");
                return null;
        }

        if (decimal.Round(value.Value, 2) != value.Value)
        {
            Add(field, "must have at most two decimals.");
            return null;
        }

        return value;
    }

    /// <summary>Parses a snake_case enum value, naming the allowed values when it is unknown.</summary>
    public TEnum? Choice<TEnum>(string field, string? value, bool required = true) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required.");
            }

            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(SnakeCase(candidate), value, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        Add(field, $"must be one of: {string.Join(", ", Enum.GetValues<TEnum>().Select(SnakeCase))}.");
        return null;
    }

    /// <summary>Records a missing required value.</summary>
    public T? Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(field, "is required.");
        }

        return value;
    }

    /// <summary>The 400 answer naming every bad field.</summary>
    public IResult ToResult() => Problem.Validation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    /// <summary>
    /// The 400 answer, or null when every field is right: what an endpoint's <c>Validate</c> returns, since
    /// Wolverine goes on to the handler on null and answers with the problem otherwise.
    /// </summary>
    public IResult? ToResultOrNull() => IsEmpty ? null : ToResult();

    /// <summary>The snake_case name of an enum value, as the API spells it.</summary>
    public static string SnakeCase<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
