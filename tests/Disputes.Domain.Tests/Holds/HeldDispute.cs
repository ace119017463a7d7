using Disputes.Domain.BusinessDays;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Disputes.Withdrawing;
using Disputes.Domain.Holds;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>
/// A dispute and its hold as a command handler would keep them: each command's events, then the hold events that follow,
/// applied to both.
/// </summary>
internal sealed class HeldDispute
{
    /// <summary>The receipt the specs use unless they say otherwise: Monday 2025-03-03, noon in New York.</summary>
    public static readonly LocalDate ReceivedOn = new(2025, 3, 3);

    private HeldDispute(Dispute dispute, BillingErrorHold? hold) => (Dispute, Hold) = (dispute, hold);

    public Dispute Dispute { get; private set; }

    public BillingErrorHold? Hold { get; private set; }

    public BillingErrorHold PlacedHold => Hold ?? throw new InvalidOperationException("No hold was placed.");

    /// <summary>Every hold event recorded so far, oldest first.</summary>
    public List<object> HoldEvents { get; } = [];

    public static HeldDispute Opened(decimal amount = 127.43m, LocalDate? nextAutopayOn = null, LocalDate? receivedOn = null)
    {
        var dispute = Given.DisputeReceivedOn(receivedOn ?? ReceivedOn, amount: amount);
        var placed = PlaceHold.Decide(dispute, nextAutopayOn, BusinessDayCalendar.FederalReserve);
        var held = new HeldDispute(dispute, BillingErrorHold.Replay(placed));
        held.HoldEvents.AddRange(placed);
        return held;
    }

    /// <summary>Records <paramref name="decided"/> and returns the hold events that followed from them.</summary>
    public IReadOnlyList<object> Record(IReadOnlyList<object> decided)
    {
        var followed = FollowDispute.Decide(Dispute, Hold, decided);
        Dispute = decided.Aggregate(Dispute, (d, e) => d.Evolve(e));
        Apply(followed);
        return followed;
    }

    /// <summary>Records hold events decided elsewhere (a lapse, a judged activity).</summary>
    public void Apply(IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            if (e is DeadlineBreached)
            {
                Dispute = Dispute.Evolve(e);
                continue;
            }

            HoldEvents.Add(e);
            Hold = Hold?.Evolve(e);
        }
    }

    public IReadOnlyList<object> FinanceCharges(decimal amount, Instant at) => Record([new FinanceChargesRecorded(amount, at)]);

    public IReadOnlyList<object> Withdraw(Instant at) => Record(WithdrawDispute.Decide(Dispute, "Merchant refunded me", at));

    public IReadOnlyList<object> Correct(decimal credited, Instant at) =>
        Record(new ResolveDispute(ResolutionOutcome.Corrected, credited, null, null, null).Decide(Dispute, at));

    public IReadOnlyList<object> Explain(decimal owed, LocalDate? dueOn, Instant at) =>
        Record(new ResolveDispute(ResolutionOutcome.NoError, null, "Signed receipt matches", owed, dueOn).Decide(Dispute, at));

    public IReadOnlyList<object> CorrectPart(decimal credited, decimal owed, LocalDate dueOn, Instant at) =>
        Record(new ResolveDispute(ResolutionOutcome.Partial, credited, "The second charge was a separate order", owed, dueOn).Decide(Dispute, at));

    public IReadOnlyList<object> Reopen(Instant at) => Record(ReopenDispute.Decide(Dispute, "I still dispute it", at));

    public static T Single<T>(IReadOnlyList<object> events) => Assert.IsType<T>(Assert.Single(events));
}
