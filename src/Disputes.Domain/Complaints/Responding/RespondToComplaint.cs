using NodaTime;

namespace Disputes.Domain.Complaints.Responding;

/// <summary>Answering the cardmember: the first answer meets the 15-day response deadline.</summary>
public static class RespondToComplaint
{
    /// <summary>The events that sending <paramref name="text"/> as the answer to <paramref name="complaint"/> at <paramref name="now"/> records.</summary>
    /// <exception cref="ComplaintRuleViolation">It is closed, or answered already and waiting to be closed.</exception>
    public static IReadOnlyList<object> Decide(Complaint complaint, string text, Instant now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        complaint.EnsureOpen("respond");
        if (complaint.Status == ComplaintStatus.Responded)
        {
            throw new ComplaintRuleViolation(ComplaintRule.AlreadyResponded,
                $"Complaint {complaint.Reference} was answered at {complaint.Response!.RespondedAt} and waits to be closed.");
        }

        return [.. complaint.BreachesDueBy(now), new ComplaintResponded(text, now)];
    }
}
