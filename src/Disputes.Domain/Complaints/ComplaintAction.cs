namespace Disputes.Domain.Complaints;

/// <summary>A step an agent or a supervisor can take on a complaint.</summary>
public enum ComplaintAction
{
    /// <summary>Take it up.</summary>
    Review,

    /// <summary>Answer the cardmember.</summary>
    Respond,

    /// <summary>Close it with the answer on record as the final one.</summary>
    Close,

    /// <summary>Take a closed complaint up again.</summary>
    Reopen,
}

/// <summary>Which steps the complaint's state allows: the same guards the decisions apply, so a listed step is not refused.</summary>
public static class ComplaintActions
{
    /// <summary>The steps <paramref name="complaint"/> allows now, in the order a console offers them.</summary>
    public static IReadOnlyList<ComplaintAction> AllowedFor(Complaint complaint) => complaint.Status switch
    {
        ComplaintStatus.Received or ComplaintStatus.Reopened => [ComplaintAction.Review, ComplaintAction.Respond],
        ComplaintStatus.InReview => [ComplaintAction.Respond],
        ComplaintStatus.Responded => [ComplaintAction.Close],
        _ => [ComplaintAction.Reopen],
    };
}
