using NodaTime;

namespace Disputes.Domain.Complaints.Closing;

/// <summary>Closing a complaint: the answer on record becomes the final one, which meets the 60-day deadline.</summary>
public static class CloseComplaint
{
    /// <summary>The events that closing <paramref name="complaint"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="ComplaintRuleViolation">It is closed already, or the cardmember has not been answered since it was logged or reopened.</exception>
    public static IReadOnlyList<object> Decide(Complaint complaint, Instant now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        complaint.EnsureOpen("close it");
        if (complaint.Status != ComplaintStatus.Responded)
        {
            throw new ComplaintRuleViolation(ComplaintRule.NotResponded,
                $"Complaint {complaint.Reference} cannot be closed before the cardmember is answered: closing makes the answer on record the final one.");
        }

        return [.. complaint.BreachesDueBy(now), new ComplaintClosed(now)];
    }
}
