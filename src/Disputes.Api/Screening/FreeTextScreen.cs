using Disputes.Api.Problems;
using Disputes.Domain.Screening;

namespace Disputes.Api.Screening;

/// <summary>
/// Screens a request's free-text fields before anything is stored (rule book section 7): a field holding a
/// full card number, a security code, an SSN or a one-time passcode refuses the whole request with 422.
/// </summary>
public static class FreeTextScreen
{
    /// <summary>
    /// The 422 answer for the first field that holds sensitive data, or for all of them together when the data is
    /// split across fields ("4111 1111" and "1111 1111"); null when all are clean.
    /// </summary>
    public static IResult? Refusal(params (string Field, string? Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            if (SensitiveDataScreen.Find(text) is { } kind)
            {
                return Problem.SensitiveData(field, kind);
            }
        }

        if (fields.Length > 1 && SensitiveDataScreen.Find([.. fields.Select(f => f.Text)]) is { } split)
        {
            return Problem.SensitiveData(string.Join(" + ", fields.Select(f => f.Field)), split);
        }

        return null;
    }
}
