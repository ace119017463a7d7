using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using Disputes.Domain.Holds.Activity;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>The hold events as steps of the dispute's history, worded the same whatever the server's culture.</summary>
public class when_showing_hold_steps
{
    private static readonly Instant At = Instant.FromUtc(2025, 3, 10, 15, 0);

    [Fact]
    public void every_hold_event_is_a_step_at_its_own_instant()
    {
        var held = HeldDispute.Opened(nextAutopayOn: new LocalDate(2025, 3, 7));
        held.FinanceCharges(2.57m, At);
        held.Apply(JudgeActivity.Decide(new AccountActivity(ActivityKind.CollectionAttempt, At), held.Dispute, held.Hold, At));
        held.Apply(JudgeActivity.Decide(new AccountActivity(ActivityKind.BureauReport, At, ReportedStatus: CreditReportStatus.InDispute), held.Dispute, held.Hold, At));
        held.Withdraw(At + Duration.FromDays(1));

        var steps = held.HoldEvents.Select((e, i) => HoldSteps.For(e, i + 2)!).ToList();

        Assert.Equal(["hold_placed", "hold_changed", "hold_violated", "allowed_activity_recorded", "hold_released"], steps.Select(s => s.Type));
        Assert.Equal(held.HoldEvents.Select(e => HoldSteps.TimeOf(e)!.Value), steps.Select(s => s.At));
        Assert.Contains("127.43 USD", steps[0].Summary);
        Assert.Contains("from the payment of 2025-03-07 on", steps[0].Summary);
        Assert.Contains("raised to 130.00", steps[1].Summary);
        Assert.Contains("Forfeiture exposure 50.00", steps[2].Summary);
        Assert.Contains("withdrew", steps[4].Summary);
    }

    [Fact]
    public void other_events_are_not_hold_steps()
    {
        Assert.Null(HoldSteps.For(new NoteAdded("x", At), 2));
        Assert.Null(HoldSteps.TimeOf(new NoteAdded("x", At)));
    }
}
