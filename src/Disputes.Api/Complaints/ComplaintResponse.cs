using Disputes.Domain.Clocks;
using Disputes.Domain.Complaints;
using NodaTime;

namespace Disputes.Api.Complaints;

/// <summary>
/// A complaint as the API shows it to staff (<c>GET /api/complaints/{complaintId}</c> and every step's answer). The field
/// names are a published contract; add fields, never rename them.
/// </summary>
/// <param name="ComplaintId">The complaint's id.</param>
/// <param name="Reference">The reference read out to the cardmember, e.g. <c>CMP-2025-000123</c>.</param>
/// <param name="Status"><c>received</c>, <c>in_review</c>, <c>responded</c>, <c>closed</c> or <c>reopened</c>.</param>
/// <param name="Version">The stream version: send it back as <c>expectedVersion</c> (or <c>If-Match</c>) with the next step.</param>
/// <param name="AccountId">The card account.</param>
/// <param name="DisputeId">The dispute it is about, when there is one.</param>
/// <param name="CaseNumber">That dispute's case number.</param>
/// <param name="Category">What it is about.</param>
/// <param name="Channel">How it reached the issuer.</param>
/// <param name="Description">The cardmember's words.</param>
/// <param name="ReceivedAt">When the issuer received it.</param>
/// <param name="ReceivedOn">The receipt's local date in <paramref name="TimeZone"/>: both deadlines count from it.</param>
/// <param name="TimeZone">The zone its deadlines are dates in.</param>
/// <param name="Deadlines">The response and final-answer deadlines.</param>
/// <param name="Response">The response on record, if it was answered.</param>
/// <param name="ClosedAt">When it was closed, while it is closed.</param>
/// <param name="Steps">Every step taken, oldest first.</param>
/// <param name="AllowedActions">The steps its state allows now: POST to <c>/api/complaints/{complaintId}/{action}</c>.</param>
public sealed record ComplaintResponse(
    Guid ComplaintId,
    string Reference,
    ComplaintStatus Status,
    long Version,
    string AccountId,
    Guid? DisputeId,
    string? CaseNumber,
    ComplaintCategory Category,
    ComplaintChannel Channel,
    string Description,
    Instant ReceivedAt,
    LocalDate ReceivedOn,
    string TimeZone,
    ComplaintDeadlinesResponse Deadlines,
    ComplaintResponseText? Response,
    Instant? ClosedAt,
    IReadOnlyList<ComplaintStep> Steps,
    IReadOnlyList<string> AllowedActions)
{
    /// <summary>The command path of each step: <c>review</c>, <c>response</c>, <c>closing</c>, <c>reopening</c>.</summary>
    public static string PathOf(ComplaintAction action) => action switch
    {
        ComplaintAction.Review => "review",
        ComplaintAction.Respond => "response",
        ComplaintAction.Close => "closing",
        ComplaintAction.Reopen => "reopening",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Every action has a command path."),
    };

    /// <summary>The response for <paramref name="c"/>.</summary>
    public static ComplaintResponse From(Complaint c) => new(
        c.Id, c.Reference, c.Status, c.Version, c.AccountId, c.DisputeId, c.CaseNumber, c.Category, c.Channel, c.Description,
        c.ReceivedAt, c.ReceivedOn, c.TimeZoneId, ComplaintDeadlinesResponse.From(c),
        c.Response is { } r ? new ComplaintResponseText(r.Text, r.RespondedAt) : null, c.ClosedAt, c.Steps,
        [.. ComplaintActions.AllowedFor(c).Select(PathOf)]);
}

/// <summary>A complaint's two deadlines.</summary>
/// <param name="Response">The response, due 15 days after receipt.</param>
/// <param name="FinalResponse">The final answer (closing), due 60 days after receipt.</param>
public sealed record ComplaintDeadlinesResponse(ComplaintDeadlineResponse Response, ComplaintDeadlineResponse FinalResponse)
{
    /// <summary>The deadlines of <paramref name="c"/>.</summary>
    public static ComplaintDeadlinesResponse From(Complaint c) =>
        new(ComplaintDeadlineResponse.From(c.ResponseDeadline, c.TimeZone), ComplaintDeadlineResponse.From(c.FinalResponseDeadline, c.TimeZone));
}

/// <summary>One deadline of a complaint.</summary>
/// <param name="DueOn">The last day to do it, in the complaint's time zone.</param>
/// <param name="Status"><c>pending</c>, <c>met</c> or <c>breached</c>.</param>
/// <param name="BreachesAt">While pending: the instant it breaches (the start of the next local day).</param>
/// <param name="MetAt">When it was met.</param>
/// <param name="BreachedAt">When it breached.</param>
/// <param name="DoneAt">When the duty was done, in time or late.</param>
public sealed record ComplaintDeadlineResponse(LocalDate DueOn, ClockStatus Status, Instant? BreachesAt, Instant? MetAt, Instant? BreachedAt, Instant? DoneAt)
{
    /// <summary>The response for <paramref name="deadline"/> in <paramref name="zone"/>.</summary>
    public static ComplaintDeadlineResponse From(ComplaintDeadline deadline, DateTimeZone zone) => new(
        deadline.DueOn, deadline.Status, deadline.IsPending ? deadline.BreachInstant(zone) : null, deadline.MetAt, deadline.BreachedAt, deadline.DoneAt);
}

/// <summary>The response sent to the cardmember.</summary>
/// <param name="Text">What it said.</param>
/// <param name="RespondedAt">When it was sent.</param>
public sealed record ComplaintResponseText(string Text, Instant RespondedAt);
