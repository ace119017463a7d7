using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// What a written notice says, as facts: the same for every language and every format, so the English and the Spanish
/// letter, and its HTML and its PDF, can only differ in wording. Each kind adds the elements rule book section 8
/// requires of it; this base holds what every notice carries: the issuer's name, the case number, the account by its
/// card ending only, the disputed item and the date the notice was sent.
/// </summary>
/// <remarks>
/// <para>
/// A notice is composed from the dispute's state with the factory of its kind (<see cref="AcknowledgmentNotice.For"/>,
/// <see cref="DocumentsRequestNotice.For"/>, <see cref="CorrectionNotice.For"/>, <see cref="ExplanationNotice.For"/>,
/// <see cref="ReportingNotice.For"/>, or <see cref="ForResolution"/> for whichever a resolution issues). The factory
/// refuses a notice the dispute cannot have with <see cref="DisputeRuleViolation"/>, and an input that breaks a rule with
/// <see cref="DisputeFieldViolation"/>; both are what the API already answers with a problem (409 and 400).
/// </para>
/// <para>
/// Dates are local dates in the dispute's time zone (<see cref="Dispute.TimeZoneId"/>: the account's zone when the dispute
/// was opened, which its deadlines are counted in; rule book "Dates and time zones"). Amounts are in
/// <see cref="DisputedItem.Currency"/>, which is the billing currency, USD.
/// </para>
/// <para>Composing is pure: it reads no clock and stores nothing.</para>
/// </remarks>
public abstract record NoticeContent
{
    /// <summary>Sets the facts every notice carries.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The issuer has no name, or the dispute's card ending is not four digits.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sentAt"/> is before the issuer received the cardmember's notice.</exception>
    private protected NoticeContent(Dispute dispute, NoticeIssuer issuer, Instant sentAt)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(issuer);
        if (string.IsNullOrWhiteSpace(issuer.Name))
        {
            throw new ArgumentException("A notice names its issuer: the issuer's name is blank.", nameof(issuer));
        }

        // The letter shows the card by its ending only; anything but four digits is not an ending.
        if (dispute.CardLast4.Length != 4 || !dispute.CardLast4.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A notice shows the card by its last four digits only, and the dispute's card ending is not four digits.", nameof(dispute));
        }

        if (sentAt < dispute.NoticeReceivedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(sentAt), sentAt, "A notice cannot be sent before the cardmember's billing-error notice was received.");
        }

        DisputeId = dispute.Id;
        IssuerName = issuer.Name.Trim();
        CaseNumber = dispute.CaseNumber;
        CardEnding = dispute.CardLast4;
        SentAt = sentAt;
        TimeZoneId = dispute.TimeZoneId;
        SentOn = sentAt.InZone(dispute.TimeZone).Date;
        Item = new DisputedItem(dispute.Merchant, dispute.Amount, dispute.Currency, dispute.TransactionDate);
    }

    /// <summary>Which notice this is; chooses the template.</summary>
    public abstract NoticeKind Kind { get; }

    /// <summary>The dispute the notice is about.</summary>
    public Guid DisputeId { get; init; }

    /// <summary>The issuer's name, as the letter is headed with it.</summary>
    public string IssuerName { get; init; }

    /// <summary>The dispute's case number, e.g. <c>DSP-2025-000042</c>.</summary>
    public string CaseNumber { get; init; }

    /// <summary>The last four digits of the card; a notice never shows more of the card number.</summary>
    public string CardEnding { get; init; }

    /// <summary>
    /// When the notice is sent. Its date, <see cref="SentOn"/>, is what meets a clock (rule book section 8); the PDF's
    /// creation and modification dates are this instant too, so the same notice always renders to the same bytes.
    /// </summary>
    public Instant SentAt { get; init; }

    /// <summary>The date the notice is sent, in <see cref="TimeZoneId"/>: the date the letter is dated with.</summary>
    public LocalDate SentOn { get; init; }

    /// <summary>The IANA time zone every date of the notice is in: the dispute's, which is its account's at intake.</summary>
    public string TimeZoneId { get; init; }

    /// <summary>The charge the cardmember disputed.</summary>
    public DisputedItem Item { get; init; }

    /// <summary>
    /// The notice that tells the cardmember how <paramref name="dispute"/> was resolved: the kind
    /// <see cref="NoticeKinds.ForResolution"/> names for its outcome, composed with <see cref="CorrectionNotice.For"/> or
    /// <see cref="ExplanationNotice.For"/>. For a resolving command: decide the resolution, evolve the dispute with it,
    /// then compose this from the resolved state.
    /// </summary>
    /// <param name="dispute">The dispute, resolved.</param>
    /// <param name="issuer">The issuer the letter is from.</param>
    /// <param name="sentAt">When the notice is sent.</param>
    /// <param name="deliveryEstablished">
    /// For a claim of goods or services not received (<see cref="BillingErrorKind.NotReceived"/>) that is not credited in full:
    /// how delivery was established (1026.13(f): such a claim may not be denied unless delivery is established, and the
    /// explanation says how); ignored otherwise.
    /// </param>
    /// <exception cref="DisputeRuleViolation">The dispute is not resolved.</exception>
    /// <exception cref="DisputeFieldViolation">As <see cref="CorrectionNotice.For"/> and <see cref="ExplanationNotice.For"/>.</exception>
    public static NoticeContent ForResolution(Dispute dispute, NoticeIssuer issuer, Instant sentAt, string? deliveryEstablished = null)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var resolution = NoticeRules.ResolutionOf(dispute, "a resolution notice");
        return NoticeKinds.ForResolution(resolution.Outcome) == NoticeKind.Correction
            ? CorrectionNotice.For(dispute, issuer, sentAt, deliveryEstablished)
            : ExplanationNotice.For(dispute, issuer, sentAt, deliveryEstablished);
    }
}

/// <summary>The charge a dispute is about, as every notice describes it.</summary>
/// <param name="Merchant">The merchant named on the charge.</param>
/// <param name="Amount">The disputed amount, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code of <paramref name="Amount"/>: the billing currency, USD.</param>
/// <param name="TransactionDate">The date of the charge, as the statement shows it.</param>
public sealed record DisputedItem(string Merchant, decimal Amount, string Currency, LocalDate TransactionDate);
