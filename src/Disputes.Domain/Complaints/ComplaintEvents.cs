using NodaTime;

namespace Disputes.Domain.Complaints;

/// <summary>
/// A formal complaint was logged. Its deadlines are decided here, in the time zone of the dispute it is about (or of its
/// account), so the stream alone explains every later breach.
/// </summary>
/// <param name="ComplaintId">The complaint's stream id.</param>
/// <param name="Reference">The reference read out to the cardmember, e.g. <c>CMP-2025-000123</c>.</param>
/// <param name="AccountId">The card account the complaint is about.</param>
/// <param name="DisputeId">The dispute it is about, when there is one; on the same account.</param>
/// <param name="CaseNumber">That dispute's case number, for the lists; null without a dispute.</param>
/// <param name="Category">What it is about.</param>
/// <param name="Description">The cardmember's words, screened for sensitive data.</param>
/// <param name="Channel">How it reached the issuer.</param>
/// <param name="ReceivedAt">When the issuer received it.</param>
/// <param name="ReceivedOn">The receipt's local date in <paramref name="TimeZoneId"/>; both deadlines count from it.</param>
/// <param name="TimeZoneId">The IANA zone the deadlines are dates in: the dispute's, else the account's at logging.</param>
/// <param name="ResponseDueOn">The last day to respond (receipt + 15 days).</param>
/// <param name="FinalResponseDueOn">The last day for the final answer (receipt + 60 days).</param>
/// <param name="LoggedAt">When it was logged in this service.</param>
public sealed record ComplaintReceived(
    Guid ComplaintId,
    string Reference,
    string AccountId,
    Guid? DisputeId,
    string? CaseNumber,
    ComplaintCategory Category,
    string Description,
    ComplaintChannel Channel,
    Instant ReceivedAt,
    LocalDate ReceivedOn,
    string TimeZoneId,
    LocalDate ResponseDueOn,
    LocalDate FinalResponseDueOn,
    Instant LoggedAt);

/// <summary>Someone took the complaint up.</summary>
/// <param name="StartedAt">When.</param>
public sealed record ComplaintReviewStarted(Instant StartedAt);

/// <summary>The issuer answered the cardmember; the first answer meets the response deadline.</summary>
/// <param name="Text">The response sent to the cardmember, screened for sensitive data.</param>
/// <param name="RespondedAt">When it was sent.</param>
public sealed record ComplaintResponded(string Text, Instant RespondedAt);

/// <summary>The complaint was closed with the response on record as the final answer; the first closing meets the final-answer deadline.</summary>
/// <param name="ClosedAt">When.</param>
public sealed record ComplaintClosed(Instant ClosedAt);

/// <summary>A closed complaint was taken up again. Its deadlines count from the first receipt and do not start again.</summary>
/// <param name="Reason">Why, e.g. what the cardmember disagreed with; screened for sensitive data.</param>
/// <param name="ReopenedAt">When.</param>
public sealed record ComplaintReopened(string Reason, Instant ReopenedAt);

/// <summary>A deadline of the complaint passed with its duty undone.</summary>
/// <param name="Clock">Which deadline.</param>
/// <param name="DueOn">The day that was missed.</param>
/// <param name="BreachedAt">The start of the day after <paramref name="DueOn"/> in the complaint's time zone.</param>
public sealed record ComplaintDeadlineBreached(ComplaintClock Clock, LocalDate DueOn, Instant BreachedAt);
