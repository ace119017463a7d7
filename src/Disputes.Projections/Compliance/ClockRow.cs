using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Marten.Schema;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>
/// One compliance clock of one dispute, flattened for the compliance officers' lists: one row per clock,
/// with the columns those lists filter and sort on duplicated out of the JSON and indexed.
/// </summary>
public sealed record ClockRow
{
    /// <summary>Called by Marten when it maps this document: the table's columns and indexes.</summary>
    /// <param name="mapping">Marten's mapping of this document type.</param>
    public static void ConfigureMarten(DocumentMapping mapping) => ClockRowStorage.Configure((DocumentMapping<ClockRow>)mapping);

    /// <summary><c>{disputeId}/{clock}</c>, e.g. <c>8c1e.../acknowledgment</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The dispute.</summary>
    public Guid DisputeId { get; init; }

    /// <summary>The dispute's case number.</summary>
    public string CaseNumber { get; init; } = "";

    /// <summary>The account.</summary>
    public string AccountId { get; init; } = "";

    /// <summary>Which clock.</summary>
    public ComplianceClock Clock { get; init; }

    /// <summary>Where it stands.</summary>
    public ClockStatus Status { get; init; }

    /// <summary>Its due date in the account's time zone; null when the clock does not apply.</summary>
    public LocalDate? DueOn { get; init; }

    /// <summary>When it breaches (or breached): the start of the day after <see cref="DueOn"/>.</summary>
    public Instant? BreachInstant { get; init; }

    /// <summary>When the duty was done in time.</summary>
    public Instant? MetAt { get; init; }

    /// <summary>When the clock breached.</summary>
    public Instant? BreachedAt { get; init; }

    /// <summary>For the resolution clock: what set the due date.</summary>
    public ResolutionBasis? Basis { get; init; }

    /// <summary>When the notice was received.</summary>
    public Instant NoticeReceivedAt { get; init; }

    /// <summary>The disputed amount, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; init; }

    /// <summary>Related finance charges recorded, in <see cref="Currency"/>.</summary>
    public decimal FinanceCharges { get; init; }

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; init; } = "";

    /// <summary>The account's time zone at intake.</summary>
    public string TimeZoneId { get; init; } = "";

    /// <summary>The clock's state, as the domain folds it.</summary>
    public DeadlineClock State { get; init; } = null!;

    /// <summary>What the issuer forfeits for this dispute if a clock breaches (amount + charges, capped at 50); the same on both rows of a dispute.</summary>
    public decimal ForfeitureExposure { get; init; }

    /// <summary>
    /// When the resolution waiting for a supervisor's approval was proposed; null when none waits. The clock is met only
    /// by the approval, so a proposal near the due date is what makes a pending clock at risk.
    /// </summary>
    public Instant? AwaitingApprovalSince { get; init; }

    /// <summary>
    /// The written notice that answers this clock (rule book section 8; <see cref="NoticeKinds.ClocksMet"/>): the first one
    /// sent, or, while none is, the first one waiting in the print queue; null while none was written. What the report of
    /// notices missing or late reads beside the clock.
    /// </summary>
    public ClockNotice? Notice { get; init; }

    /// <summary>The row id of a dispute's clock.</summary>
    public static string IdFor(Guid disputeId, ComplianceClock clock) => $"{disputeId}/{clock.ToString().ToLowerInvariant()}";

    /// <summary>The row a new dispute starts with for <paramref name="clock"/>.</summary>
    public static ClockRow Start(DisputeOpened e, ComplianceClock clock)
    {
        var state = clock == ComplianceClock.Acknowledgment ? DeadlineClock.ForAcknowledgment(e) : DeadlineClock.ForResolution(e);
        return new ClockRow
        {
            Id = IdFor(e.DisputeId, clock),
            DisputeId = e.DisputeId,
            CaseNumber = e.CaseNumber,
            AccountId = e.AccountId,
            Clock = clock,
            NoticeReceivedAt = e.NoticeReceivedAt,
            Amount = e.Amount,
            Currency = e.Currency,
            TimeZoneId = e.TimeZoneId,
        }.With(state);
    }

    /// <summary>The row after an event of its dispute's stream.</summary>
    public ClockRow Evolve(object @event)
    {
        var next = @event switch
        {
            FinanceChargesRecorded charges => this with { FinanceCharges = FinanceCharges + charges.Amount },
            NoticeQueuedForPost queued when Notice is null && NoticeKinds.ClocksMet(queued.Kind).Contains(Clock) =>
                this with { Notice = new ClockNotice(queued.NoticeId, queued.Kind, DeliveryChannel.Postal, queued.QueuedAt, null) },
            NoticeIssued issued when Notice?.SentAt is null && NoticeKinds.ClocksMet(issued.Kind).Contains(Clock) =>
                this with { Notice = new ClockNotice(issued.NoticeId, issued.Kind, issued.Channel, Notice?.NoticeId == issued.NoticeId ? Notice.QueuedAt : null, issued.SentAt) },
            Domain.Disputes.Approving.ResolutionProposed proposed => this with { AwaitingApprovalSince = proposed.ProposedAt },
            Domain.Disputes.Approving.ResolutionApproved or Domain.Disputes.Approving.ResolutionRejected or DisputeResolved or DisputeWithdrawn =>
                this with { AwaitingApprovalSince = null },
            _ => this,
        };
        return next.With(State.Evolve(@event));
    }

    private ClockRow With(DeadlineClock state) =>
        this with
        {
            State = state,
            Status = state.Status,
            DueOn = state.DueOn,
            BreachInstant = state.BreachInstant(DateTimeZoneProviders.Tzdb[TimeZoneId]),
            MetAt = state.MetAt,
            BreachedAt = state.BreachedAt,
            Basis = state.Basis,
            ForfeitureExposure = Forfeiture.Exposure(Amount, FinanceCharges),
        };
}

/// <summary>The written notice that answers a clock, as its <see cref="ClockRow"/> keeps it.</summary>
/// <param name="NoticeId">The notice's id.</param>
/// <param name="Kind">Which notice: the acknowledgment, or the correction or explanation that answers both clocks.</param>
/// <param name="Channel">How it goes to the cardmember.</param>
/// <param name="QueuedAt">For a letter by post: when it was queued; null for a secure message.</param>
/// <param name="SentAt">When it was sent (for a letter by post, the mailing); null while it waits in the print queue.</param>
public sealed record ClockNotice(Guid NoticeId, NoticeKind Kind, DeliveryChannel Channel, Instant? QueuedAt, Instant? SentAt);
