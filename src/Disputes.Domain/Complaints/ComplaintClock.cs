namespace Disputes.Domain.Complaints;

/// <summary>The two deadlines the CFPB's complaint process sets a company for each complaint.</summary>
public enum ComplaintClock
{
    /// <summary>A response to the cardmember within 15 days of receipt (<c>response</c>).</summary>
    Response,

    /// <summary>The final answer, the complaint closed, within 60 days of receipt (<c>final_response</c>).</summary>
    FinalResponse,
}
