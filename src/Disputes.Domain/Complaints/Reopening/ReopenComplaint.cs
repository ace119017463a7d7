using NodaTime;

namespace Disputes.Domain.Complaints.Reopening;

/// <summary>
/// Taking a closed complaint up again. Its deadlines count from the first receipt and were met (or missed) already, so none
/// starts again.
/// </summary>
public static class ReopenComplaint
{
    /// <summary>The events that reopening <paramref name="complaint"/> for <paramref name="reason"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="ComplaintRuleViolation">It is not closed.</exception>
    public static IReadOnlyList<object> Decide(Complaint complaint, string reason, Instant now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (complaint.Status != ComplaintStatus.Closed)
        {
            throw new ComplaintRuleViolation(ComplaintRule.NotClosed, $"Only a closed complaint can be reopened; {complaint.Reference} is open.");
        }

        return [new ComplaintReopened(reason, now)];
    }
}
