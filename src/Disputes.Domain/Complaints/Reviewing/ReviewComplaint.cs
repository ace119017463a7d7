using NodaTime;

namespace Disputes.Domain.Complaints.Reviewing;

/// <summary>Taking a complaint up: a new or reopened complaint goes into review.</summary>
public static class ReviewComplaint
{
    /// <summary>The events that starting the review of <paramref name="complaint"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="ComplaintRuleViolation">It is closed, in review already, or answered and waiting to be closed.</exception>
    public static IReadOnlyList<object> Decide(Complaint complaint, Instant now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        complaint.EnsureOpen("start a review");
        switch (complaint.Status)
        {
            case ComplaintStatus.InReview:
                throw new ComplaintRuleViolation(ComplaintRule.AlreadyInReview, $"Complaint {complaint.Reference} is in review already.");
            case ComplaintStatus.Responded:
                throw new ComplaintRuleViolation(ComplaintRule.AlreadyResponded,
                    $"Complaint {complaint.Reference} was answered already; close it, or reopen it after closing to look at it again.");
        }

        return [.. complaint.BreachesDueBy(now), new ComplaintReviewStarted(now)];
    }
}
