using NodaTime;

namespace Disputes.Domain.Complaints;

/// <summary>
/// A formal complaint as its events leave it. Immutable: <see cref="Start"/> starts it from <see cref="ComplaintReceived"/>
/// and <see cref="Evolve"/> returns the state after each later event.
/// </summary>
public sealed record Complaint
{
    /// <summary>The complaint's stream id.</summary>
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects: the number of events applied.</summary>
    public long Version { get; init; }

    /// <summary>The reference read out to the cardmember, e.g. <c>CMP-2025-000123</c>.</summary>
    public string Reference { get; init; } = "";

    /// <summary>The card account the complaint is about.</summary>
    public string AccountId { get; init; } = "";

    /// <summary>The dispute it is about, when there is one.</summary>
    public Guid? DisputeId { get; init; }

    /// <summary>That dispute's case number.</summary>
    public string? CaseNumber { get; init; }

    /// <summary>What it is about.</summary>
    public ComplaintCategory Category { get; init; }

    /// <summary>The cardmember's words.</summary>
    public string Description { get; init; } = "";

    /// <summary>How it reached the issuer.</summary>
    public ComplaintChannel Channel { get; init; }

    /// <summary>When the issuer received it.</summary>
    public Instant ReceivedAt { get; init; }

    /// <summary>The receipt's local date in <see cref="TimeZoneId"/>.</summary>
    public LocalDate ReceivedOn { get; init; }

    /// <summary>The IANA zone its deadlines are dates in.</summary>
    public string TimeZoneId { get; init; } = "";

    /// <summary>When it was logged in this service.</summary>
    public Instant LoggedAt { get; init; }

    /// <summary>Where it stands.</summary>
    public ComplaintStatus Status { get; init; }

    /// <summary>The 15-day response deadline.</summary>
    public ComplaintDeadline ResponseDeadline { get; init; } = null!;

    /// <summary>The 60-day final-answer deadline.</summary>
    public ComplaintDeadline FinalResponseDeadline { get; init; } = null!;

    /// <summary>Every response sent to the cardmember, oldest first; the last is the one on record.</summary>
    public IReadOnlyList<ComplaintResponded> Responses { get; init; } = [];

    /// <summary>When it was last closed, if it is closed now.</summary>
    public Instant? ClosedAt { get; init; }

    /// <summary>Every step taken, oldest first.</summary>
    public IReadOnlyList<ComplaintStep> Steps { get; init; } = [];

    /// <summary>The complaint's time zone.</summary>
    public DateTimeZone TimeZone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    /// <summary>Both deadlines, the response's first.</summary>
    public IEnumerable<ComplaintDeadline> Deadlines => [ResponseDeadline, FinalResponseDeadline];

    /// <summary>True until it is closed (a reopened complaint is open again).</summary>
    public bool IsOpen => Status != ComplaintStatus.Closed;

    /// <summary>The response on record, if it was answered.</summary>
    public ComplaintResponded? Response => Responses.Count == 0 ? null : Responses[^1];

    /// <summary>
    /// The deadline whose duty is still undone and falls first, breached or not; null when both duties are done. It is
    /// what puts a complaint on the compliance lists: overdue once its breach instant has come, at risk shortly before.
    /// </summary>
    public ComplaintDeadline? NextDeadline => Deadlines.Where(d => d.IsOutstanding).OrderBy(d => d.DueOn).FirstOrDefault();

    /// <summary>The breach instant of <see cref="NextDeadline"/>; null when both duties are done.</summary>
    public Instant? NextBreachInstant => NextDeadline?.BreachInstant(TimeZone);

    /// <summary>The deadline of the given kind.</summary>
    public ComplaintDeadline DeadlineFor(ComplaintClock clock) => clock == ComplaintClock.Response ? ResponseDeadline : FinalResponseDeadline;

    /// <summary>Starts a complaint from its first event.</summary>
    public static Complaint Start(ComplaintReceived e) => new()
    {
        Id = e.ComplaintId,
        Version = 1,
        Reference = e.Reference,
        AccountId = e.AccountId,
        DisputeId = e.DisputeId,
        CaseNumber = e.CaseNumber,
        Category = e.Category,
        Description = e.Description,
        Channel = e.Channel,
        ReceivedAt = e.ReceivedAt,
        ReceivedOn = e.ReceivedOn,
        TimeZoneId = e.TimeZoneId,
        LoggedAt = e.LoggedAt,
        Status = ComplaintStatus.Received,
        ResponseDeadline = ComplaintDeadline.Pending(ComplaintClock.Response, e.ResponseDueOn),
        FinalResponseDeadline = ComplaintDeadline.Pending(ComplaintClock.FinalResponse, e.FinalResponseDueOn),
        Steps = [ComplaintStep.For(e, 1)],
    };

    /// <summary>The complaint after <paramref name="event"/>.</summary>
    public Complaint Evolve(object @event)
    {
        var version = Version + 1;
        var next = @event switch
        {
            ComplaintReviewStarted => this with { Status = ComplaintStatus.InReview },
            ComplaintResponded e => this with { Status = ComplaintStatus.Responded, Responses = [.. Responses, e] },
            ComplaintClosed e => this with { Status = ComplaintStatus.Closed, ClosedAt = e.ClosedAt },
            ComplaintReopened => this with { Status = ComplaintStatus.Reopened, ClosedAt = null },
            _ => this,
        };
        return next with
        {
            Version = version,
            ResponseDeadline = ResponseDeadline.Evolve(@event),
            FinalResponseDeadline = FinalResponseDeadline.Evolve(@event),
            Steps = [.. Steps, ComplaintStep.For(@event, version)],
        };
    }

    /// <summary>Folds a whole stream, oldest event first; null when it holds no <see cref="ComplaintReceived"/>.</summary>
    public static Complaint? Replay(IEnumerable<object> events)
    {
        Complaint? complaint = null;
        foreach (var e in events)
        {
            complaint = complaint is null ? e is ComplaintReceived received ? Start(received) : null : complaint.Evolve(e);
        }

        return complaint;
    }

    /// <summary>
    /// The breaches that have happened by <paramref name="now"/> but are not yet recorded: every pending deadline whose
    /// breach instant is not after <paramref name="now"/>. Each step records them first, so an answer given late never
    /// counts as in time even when the breach timer has not fired yet.
    /// </summary>
    public IReadOnlyList<ComplaintDeadlineBreached> BreachesDueBy(Instant now)
    {
        var zone = TimeZone;
        return Deadlines
            .Where(d => d.IsPending && d.BreachInstant(zone) <= now)
            .Select(d => new ComplaintDeadlineBreached(d.Clock, d.DueOn, d.BreachInstant(zone)))
            .ToList();
    }

    /// <summary>
    /// True when a duty's day has passed with the duty undone at <paramref name="now"/>, whether or not the breach is
    /// recorded yet: the compliance officers' overdue list.
    /// </summary>
    public bool IsOverdueAt(Instant now) => NextBreachInstant <= now;

    /// <summary>
    /// True when the next undone duty breaches after <paramref name="now"/> but before <paramref name="now"/> plus
    /// <paramref name="within"/>: the compliance officers' at-risk list (the look-ahead of the disputes' "breaching in
    /// the next 7 days"). From its breach instant on the complaint is overdue instead, never both.
    /// </summary>
    public bool IsAtRiskAt(Instant now, Duration within) => NextBreachInstant is { } breach && breach > now && breach < now + within;

    /// <summary>Throws <see cref="ComplaintRuleViolation"/> when the complaint is closed.</summary>
    internal void EnsureOpen(string step)
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new ComplaintRuleViolation(ComplaintRule.ComplaintClosed, $"Cannot {step}: complaint {Reference} is closed. Reopen it first.");
        }
    }
}
