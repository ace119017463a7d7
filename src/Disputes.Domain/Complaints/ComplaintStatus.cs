namespace Disputes.Domain.Complaints;

/// <summary>Where a complaint stands in its life.</summary>
public enum ComplaintStatus
{
    /// <summary>Logged; nobody has taken it up yet.</summary>
    Received,

    /// <summary>Someone is looking into it.</summary>
    InReview,

    /// <summary>The issuer answered the cardmember; the complaint waits to be closed.</summary>
    Responded,

    /// <summary>Closed with the response on record as the issuer's final answer.</summary>
    Closed,

    /// <summary>Closed once and taken up again, usually because the cardmember disagreed with the answer.</summary>
    Reopened,
}
