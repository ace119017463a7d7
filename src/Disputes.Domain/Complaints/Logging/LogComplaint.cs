using Disputes.Domain.Accounts;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Complaints.Logging;

/// <summary>
/// A formal complaint taken from the cardmember, every field present and well formed. Deciding it against its account
/// (and its dispute, when it names one) sets the time zone and the two deadlines.
/// </summary>
/// <param name="AccountId">The card account.</param>
/// <param name="DisputeId">The dispute the complaint is about, if any; it must be on <paramref name="AccountId"/>.</param>
/// <param name="Category">What it is about.</param>
/// <param name="Description">The cardmember's words, screened.</param>
/// <param name="Channel">How it reached the issuer.</param>
/// <param name="ReceivedAt">When the issuer received it.</param>
public sealed record LogComplaint(string AccountId, Guid? DisputeId, ComplaintCategory Category, string Description, ComplaintChannel Channel, Instant ReceivedAt)
{
    /// <summary>
    /// The zone the deadlines are dates in: the dispute's, which is the zone its own clocks run in (an account's zone can
    /// change after a dispute is opened), else the account's.
    /// </summary>
    public static DateTimeZone ZoneFor(Account account, Dispute? dispute)
    {
        ArgumentNullException.ThrowIfNull(account);
        return dispute?.TimeZone ?? account.TimeZone;
    }

    /// <summary>
    /// The receipt's local date, which the reference's year and both deadlines are taken from, once the dispute named (if
    /// any) is known to be on the account.
    /// </summary>
    /// <param name="account">The account, registered beforehand.</param>
    /// <param name="dispute">The dispute named by <see cref="DisputeId"/>, loaded; null when none is named or none was found.</param>
    /// <exception cref="ComplaintFieldViolation">The dispute named is missing or on another account.</exception>
    public LocalDate ReceivedOn(Account account, Dispute? dispute)
    {
        if (DisputeId is { } disputeId && (dispute is null || dispute.Id != disputeId || dispute.AccountId != AccountId))
        {
            throw new ComplaintFieldViolation("disputeId", $"must name a dispute on account {AccountId}; there is no dispute {disputeId} on it.");
        }

        return DeadlineInstants.LocalDateOf(ReceivedAt, ZoneFor(account, DisputeId is null ? null : dispute));
    }

    /// <summary>The event that logs the complaint, due 15 and 60 days after the receipt's local date.</summary>
    /// <param name="account">The account, registered beforehand.</param>
    /// <param name="dispute">The dispute named by <see cref="DisputeId"/>, loaded; null when none is named or none was found.</param>
    /// <param name="complaintId">The new stream's id.</param>
    /// <param name="reference">The reference given to the complaint.</param>
    /// <param name="now">When it is logged.</param>
    /// <exception cref="ComplaintFieldViolation">The dispute named is missing or on another account.</exception>
    public ComplaintReceived Decide(Account account, Dispute? dispute, Guid complaintId, string reference, Instant now)
    {
        var receivedOn = ReceivedOn(account, dispute);
        var about = DisputeId is null ? null : dispute;
        return new ComplaintReceived(
            complaintId, reference, AccountId, about?.Id, about?.CaseNumber, Category, Description, Channel, ReceivedAt, receivedOn,
            ZoneFor(account, about).Id, ComplaintResponseRule.ResponseDueOn(receivedOn), ComplaintResponseRule.FinalResponseDueOn(receivedOn), now);
    }
}
