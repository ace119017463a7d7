using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>
/// What a notice explains when the account is not corrected in full (1026.13(f), (f)(3) and (g); rule book sections 5 and
/// 8): why the issuer believes the account is correct or what different error occurred, how delivery was established for a
/// claim of goods not delivered, and what is still owed and by when. Every such notice also tells the cardmember they may
/// ask for copies of the documents relied on and, when money is owed, that an amount not paid by its due date may be
/// reported as delinquent; the templates word those from these facts.
/// </summary>
/// <param name="Reasons">The explanation the resolution recorded: why the account is correct (or what else was wrong and how it was corrected).</param>
/// <param name="DeliveryEstablished">For a claim of goods or services not received: how delivery was established; null for other claims.</param>
/// <param name="AmountOwed">What the cardmember still owes of the disputed amount and its charges, 0 when nothing.</param>
/// <param name="PaymentDueOn">When <paramref name="AmountOwed"/> is more than 0: the date it is due (at least max(10, the payment period) days after the resolution); else null.</param>
/// <param name="Forfeited">
/// After a missed deadline: the amount the issuer forfeited under 15 USC 1666(e) and left out of <paramref name="AmountOwed"/>;
/// null when no deadline was missed.
/// </param>
public sealed record NoticeExplanation(string Reasons, string? DeliveryEstablished, decimal AmountOwed, LocalDate? PaymentDueOn, decimal? Forfeited)
{
    /// <summary>True when the cardmember still owes money; the letter then gives the amount, its due date and the delinquency warning.</summary>
    public bool MoneyOwed => AmountOwed > 0;
}
