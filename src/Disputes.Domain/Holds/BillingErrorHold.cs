using NodaTime;

namespace Disputes.Domain.Holds;

/// <summary>What a billing-error hold held and what it forbade from one instant on.</summary>
/// <param name="From">When these terms took effect.</param>
/// <param name="Amount">What was held, in the dispute's currency.</param>
/// <param name="Terms">What was forbidden and required.</param>
public sealed record HoldPeriod(Instant From, decimal Amount, HoldTerms Terms);

/// <summary>
/// A dispute's billing-error hold as its events leave it (rule book section 4). Immutable: <see cref="Start"/> starts it from
/// <see cref="HoldPlaced"/> and <see cref="Evolve"/> returns the hold after each later event of the dispute's stream; events
/// that are not about the hold leave it unchanged, so the whole stream can be folded through it.
/// </summary>
/// <remarks>
/// The hold keeps every period it went through, because activity is often reported after the fact (a bureau report made
/// last month) and is judged by what the hold forbade when it happened, not by what it forbids now.
/// </remarks>
public sealed record BillingErrorHold
{
    /// <summary>The disputed amount the hold was placed for.</summary>
    public decimal DisputedAmount { get; init; }

    /// <summary>ISO 4217 code of every amount: the billing currency, USD.</summary>
    public string Currency { get; init; } = "";

    /// <summary>What is held now: the disputed amount and its related charges, or after an explanation the amount owed.</summary>
    public decimal Amount { get; init; }

    /// <summary>What the hold forbids and requires now (as last recorded; see <see cref="StandingAt"/> for the payment period's end).</summary>
    public HoldTerms Terms { get; init; } = HoldTerms.WhilePending;

    /// <summary>Whether the issuer's autopay must leave the held amount out, and from which payment.</summary>
    public AutopayCutoff Autopay { get; init; } = null!;

    /// <summary>When the hold took effect: the notice's receipt.</summary>
    public Instant PlacedAt { get; init; }

    /// <summary>Every period of the hold, oldest first.</summary>
    public IReadOnlyList<HoldPeriod> Periods { get; init; } = [];

    /// <summary>When the hold was released, if it was.</summary>
    public Instant? ReleasedAt { get; init; }

    /// <summary>What released the hold, if it was.</summary>
    public HoldRelease? ReleasedBecause { get; init; }

    /// <summary>For a release by correction: the amount credited.</summary>
    public decimal? Credited { get; init; }

    /// <summary>Every violation recorded, oldest first.</summary>
    public IReadOnlyList<HoldViolated> Violations { get; init; } = [];

    /// <summary>True once the hold was released.</summary>
    public bool IsReleased => ReleasedAt is not null;

    /// <summary>Starts a hold from its first event.</summary>
    public static BillingErrorHold Start(HoldPlaced e) => new()
    {
        DisputedAmount = e.DisputedAmount,
        Currency = e.Currency,
        Amount = e.Amount,
        Terms = e.Terms,
        Autopay = e.Autopay,
        PlacedAt = e.PlacedAt,
        Periods = [new HoldPeriod(e.PlacedAt, e.Amount, e.Terms)],
    };

    /// <summary>The hold after <paramref name="event"/>; a released hold changes no more, but still records violations found late.</summary>
    public BillingErrorHold Evolve(object @event) => @event switch
    {
        HoldChanged e when !IsReleased => this with
        {
            Amount = e.Amount,
            Terms = e.Terms,
            Periods = [.. Periods, new HoldPeriod(e.ChangedAt, e.Amount, e.Terms)],
        },
        HoldReleased e when !IsReleased => this with { ReleasedAt = e.ReleasedAt, ReleasedBecause = e.Why, Credited = e.Credited },
        HoldViolated e => this with { Violations = [.. Violations, e] },
        _ => this,
    };

    /// <summary>
    /// Folds a dispute's stream, oldest event first, ignoring the events that are not about the hold; null when the stream
    /// holds no <see cref="HoldPlaced"/> (a late notice, or a dispute opened before holds were kept).
    /// </summary>
    public static BillingErrorHold? Replay(IEnumerable<object> events)
    {
        BillingErrorHold? hold = null;
        foreach (var e in events)
        {
            hold = hold is null ? e is HoldPlaced placed ? Start(placed) : null : hold.Evolve(e);
        }

        return hold;
    }

    /// <summary>
    /// What the hold held and forbade at <paramref name="at"/>; null when it did not stand then (before the notice arrived,
    /// after its release, or after a payment period that released it had passed). A payment period counts as over at its
    /// end even before <see cref="LapsesDueBy"/> has been recorded, as a breach counts before its timer fires.
    /// </summary>
    public HoldPeriod? StandingAt(Instant at)
    {
        if (at < PlacedAt || ReleasedAt is { } released && at >= released)
        {
            return null;
        }

        var period = Periods.Last(p => p.From <= at);
        if (period.Terms.Until is not { } until || at < until)
        {
            return period;
        }

        return period.Terms.Stage switch
        {
            HoldStage.PaymentPeriodReasserted => new HoldPeriod(until, period.Amount, HoldTerms.ReportingOnlyAsInDispute(period.Terms.PaymentDueOn)),
            _ => null,
        };
    }

    /// <summary>
    /// The events the end of a payment period has made due by <paramref name="now"/> but that are not yet recorded: the release
    /// after an explanation, or the turn to <see cref="HoldStage.ReportOnlyAsInDispute"/> after a reassertion. Each carries the
    /// instant the period ended. Commands on the dispute record them first, and a timer at that instant may too.
    /// </summary>
    public IReadOnlyList<object> LapsesDueBy(Instant now)
    {
        if (IsReleased || Terms.Until is not { } until || until > now)
        {
            return [];
        }

        return Terms.Stage switch
        {
            HoldStage.PaymentPeriod => [new HoldReleased(HoldRelease.PaymentPeriodEnded, null, until)],
            HoldStage.PaymentPeriodReasserted =>
                [new HoldChanged(Amount, HoldTerms.ReportingOnlyAsInDispute(Terms.PaymentDueOn), HoldChange.PaymentPeriodEnded, until)],
            _ => [],
        };
    }
}
