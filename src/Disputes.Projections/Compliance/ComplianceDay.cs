using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using NodaTime;
using NodaTime.Text;

namespace Disputes.Projections.Compliance;

/// <summary>
/// What happened across the whole portfolio on one UTC calendar day: the compliance officers' daily trend.
/// Each dispute event counts on the day of its business instant (the notice's receipt, the acknowledgment's
/// sending, the breach instant, ...), not the day it was keyed in, so a late-entered notice lands on the day
/// it was received.
/// </summary>
/// <remarks>
/// Kept by an asynchronous projection: every dispute of a day writes the same row, so keeping it inside the
/// intake transaction would queue all intake of a day behind one row lock. It trails the event log by the
/// projection lag (<c>disputes.projection.lag</c>).
/// </remarks>
public sealed record ComplianceDay
{
    private static readonly LocalDatePattern IdPattern = LocalDatePattern.Iso;

    /// <summary>The day as <c>yyyy-MM-dd</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The UTC calendar day counted.</summary>
    public LocalDate Date { get; init; }

    /// <summary>Billing-error notices received (disputes opened with their receipt on this day).</summary>
    public int NoticesReceived { get; init; }

    /// <summary>Written acknowledgments sent.</summary>
    public int AcknowledgmentsSent { get; init; }

    /// <summary>Disputes resolved by correcting the account (1026.13(e)).</summary>
    public int ResolvedCorrected { get; init; }

    /// <summary>Disputes resolved with a written explanation that no error occurred (1026.13(f)).</summary>
    public int ResolvedNoError { get; init; }

    /// <summary>Disputes resolved in part: what was wrong corrected and credited, the rest explained (1026.13(f)(3)).</summary>
    public int ResolvedPartly { get; init; }

    /// <summary>Notices withdrawn by the cardmember.</summary>
    public int Withdrawn { get; init; }

    /// <summary>Disputes escalated.</summary>
    public int Escalated { get; init; }

    /// <summary>Resolved disputes reopened.</summary>
    public int Reopened { get; init; }

    /// <summary>Warnings that a deadline was approaching.</summary>
    public int WarningsIssued { get; init; }

    /// <summary>Acknowledgment clocks breached (breach instant on this day).</summary>
    public int AcknowledgmentBreaches { get; init; }

    /// <summary>Resolution clocks breached (breach instant on this day).</summary>
    public int ResolutionBreaches { get; init; }

    /// <summary>The document id of <paramref name="date"/>.</summary>
    public static string IdFor(LocalDate date) => IdPattern.Format(date);

    /// <summary>The document id of the UTC day holding <paramref name="instant"/>.</summary>
    public static string IdFor(Instant instant) => IdFor(instant.InUtc().Date);

    /// <summary>An empty day, before any event counted.</summary>
    /// <param name="id">A document id from <see cref="IdFor(LocalDate)"/>.</param>
    public static ComplianceDay Empty(string id) => new() { Id = id, Date = IdPattern.Parse(id).Value };

    /// <summary>Whether <paramref name="event"/> is counted on some day.</summary>
    public static bool Counts(object @event) => @event is DisputeOpened or AcknowledgmentSent or DisputeResolved
        or DisputeWithdrawn or DisputeEscalated or DisputeReopened or DeadlineApproaching or DeadlineBreached;

    /// <summary>This day with <paramref name="event"/> counted.</summary>
    public ComplianceDay Evolve(object @event) => @event switch
    {
        DisputeOpened => this with { NoticesReceived = NoticesReceived + 1 },
        AcknowledgmentSent => this with { AcknowledgmentsSent = AcknowledgmentsSent + 1 },
        DisputeResolved { Outcome: ResolutionOutcome.Corrected } => this with { ResolvedCorrected = ResolvedCorrected + 1 },
        DisputeResolved { Outcome: ResolutionOutcome.Partial } => this with { ResolvedPartly = ResolvedPartly + 1 },
        DisputeResolved => this with { ResolvedNoError = ResolvedNoError + 1 },
        DisputeWithdrawn => this with { Withdrawn = Withdrawn + 1 },
        DisputeEscalated => this with { Escalated = Escalated + 1 },
        DisputeReopened => this with { Reopened = Reopened + 1 },
        DeadlineApproaching => this with { WarningsIssued = WarningsIssued + 1 },
        DeadlineBreached { Clock: ComplianceClock.Acknowledgment } => this with { AcknowledgmentBreaches = AcknowledgmentBreaches + 1 },
        DeadlineBreached => this with { ResolutionBreaches = ResolutionBreaches + 1 },
        _ => this,
    };
}
