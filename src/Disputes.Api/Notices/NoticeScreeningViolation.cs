using Disputes.Domain.Notices;
using Disputes.Domain.Screening;

namespace Disputes.Api.Notices;

/// <summary>
/// A rendered notice held a secret (a full card number, a security code, an SSN or a one-time passcode; rule book
/// section 8: a notice never contains one), so it was not issued and must not be stored or sent.
/// </summary>
/// <remarks>
/// A notice is rendered only from stored fields that were screened when they were stored, so this is a defect somewhere
/// upstream (a field stored unscreened, a template that prints something it should not), not a cardmember's mistake:
/// the issuing command fails, stores nothing, and the defect is fixed. Like every screening refusal, the message names
/// only the kind of secret, never where it was or what it was.
/// </remarks>
/// <param name="notice">The notice kind that was refused.</param>
/// <param name="found">The kind of secret found.</param>
public sealed class NoticeScreeningViolation(NoticeKind notice, SensitiveDataKind found)
    : InvalidOperationException($"The {NoticeKinds.Name(notice)} notice was not issued: its rendered text holds {Describe(found)}, which a notice never contains.")
{
    /// <summary>The notice kind that was refused.</summary>
    public NoticeKind Notice { get; } = notice;

    /// <summary>The kind of secret found.</summary>
    public SensitiveDataKind Found { get; } = found;

    private static string Describe(SensitiveDataKind kind) => kind switch
    {
        SensitiveDataKind.CardNumber => "a full card number",
        SensitiveDataKind.CardSecurityCode => "a card security code",
        SensitiveDataKind.SocialSecurityNumber => "a Social Security number",
        SensitiveDataKind.OneTimePasscode => "a one-time passcode",
        _ => "sensitive data",
    };
}
