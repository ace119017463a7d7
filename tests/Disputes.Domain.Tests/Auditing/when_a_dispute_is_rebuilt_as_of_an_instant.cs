using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Auditing;

/// <summary>
/// How a dispute stood at an instant of business time (<see cref="DisputeAsOf.Rebuild"/>): the events whose own instant is not
/// after it, and every clock pending past its breach instant by then shown breached, stored or not (a deadline on D is
/// breached at the start of D + 1). A notice received at noon on 2025-03-03 in New York (17:00Z), the account closing on the
/// 15th: acknowledgment due 04-02, breached at 2025-04-03T04:00Z; resolution due 05-15.
/// </summary>
public class when_a_dispute_is_rebuilt_as_of_an_instant
{
    private static readonly Instant ReceivedAt = Instant.FromUtc(2025, 3, 3, 17, 0);
    private static readonly Instant AcknowledgmentBreachesAt = Instant.FromUtc(2025, 4, 3, 4, 0);

    private static DisputeOpened Opening(Instant? openedAt = null) =>
        Given.NoticeReceivedOn(new LocalDate(2025, 3, 3), calendar: new MonthlyClosingDay(15), openedAt: openedAt);

    private static DeadlineBreached AcknowledgmentBreach => new(ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), AcknowledgmentBreachesAt, 50m);

    private static Dispute At(IEnumerable<object> stream, Instant at) => DisputeAsOf.Rebuild(stream, at) ?? throw new InvalidOperationException("No dispute then.");

    [Fact]
    public void before_the_notice_was_received_the_dispute_did_not_exist()
    {
        object[] stream = [Opening()];

        Assert.Null(DisputeAsOf.Rebuild(stream, ReceivedAt - Duration.FromSeconds(1)));
        Assert.Equal(1, At(stream, ReceivedAt).Version);
    }

    [Fact]
    public void a_step_shows_from_its_own_instant_on()
    {
        var acknowledgedAt = Instant.FromUtc(2025, 3, 10, 12, 0);
        object[] stream = [Opening(), new AcknowledgmentSent(acknowledgedAt)];

        var before = At(stream, acknowledgedAt - Duration.FromSeconds(1));
        var after = At(stream, acknowledgedAt);

        Assert.Equal((DisputeStatus.Open, 1L, ClockStatus.Pending), (before.Status, before.Version, before.AcknowledgmentClock.Status));
        Assert.Equal((DisputeStatus.Acknowledged, 2L, ClockStatus.Met), (after.Status, after.Version, after.AcknowledgmentClock.Status));
        Assert.Equal(["dispute_opened", "acknowledgment_sent"], after.Steps.Select(s => s.Type));
    }

    [Fact]
    public void past_the_due_date_the_clock_shows_breached_before_any_breach_is_stored()
    {
        object[] stream = [Opening()];

        var lastSecond = At(stream, AcknowledgmentBreachesAt - Duration.FromSeconds(1));
        var breached = At(stream, AcknowledgmentBreachesAt);

        Assert.Equal(ClockStatus.Pending, lastSecond.AcknowledgmentClock.Status);
        Assert.Null(lastSecond.ForfeitureExposure);
        Assert.Equal((ClockStatus.Breached, AcknowledgmentBreachesAt), (breached.AcknowledgmentClock.Status, breached.AcknowledgmentClock.BreachedAt!.Value));
        Assert.Equal(ClockStatus.Pending, breached.ResolutionClock.Status);
        Assert.Equal(50m, breached.ForfeitureExposure);
        // Only the clocks are derived from time: the version and steps still say what the stream held.
        Assert.Equal((1L, 1), (breached.Version, breached.Steps.Count));
    }

    [Fact]
    public void a_breach_recorded_late_by_a_command_shows_at_its_breach_instant()
    {
        // The acknowledgment sent on 04-10 recorded the breach of 04-03 first.
        var acknowledgedAt = Instant.FromUtc(2025, 4, 10, 12, 0);
        object[] stream = [Opening(), AcknowledgmentBreach, new AcknowledgmentSent(acknowledgedAt)];

        var onApril5 = At(stream, Instant.FromUtc(2025, 4, 5, 0, 0));
        var onApril11 = At(stream, Instant.FromUtc(2025, 4, 11, 0, 0));

        Assert.Equal((DisputeStatus.Open, 2L, ClockStatus.Breached), (onApril5.Status, onApril5.Version, onApril5.AcknowledgmentClock.Status));
        Assert.Equal((DisputeStatus.Acknowledged, 3L, ClockStatus.Breached), (onApril11.Status, onApril11.Version, onApril11.AcknowledgmentClock.Status));
        Assert.Equal(AcknowledgmentBreachesAt, onApril11.AcknowledgmentClock.BreachedAt);
    }

    [Fact]
    public void an_intake_keyed_in_after_the_notice_arrived_counts_from_the_receipt()
    {
        object[] stream = [Opening(openedAt: Instant.FromUtc(2025, 4, 10, 12, 0))];

        var meanwhile = At(stream, Instant.FromUtc(2025, 3, 20, 0, 0));
        var pastTheDueDate = At(stream, Instant.FromUtc(2025, 4, 5, 0, 0));

        Assert.Equal((DisputeStatus.Open, ClockStatus.Pending), (meanwhile.Status, meanwhile.AcknowledgmentClock.Status));
        Assert.Equal(ClockStatus.Breached, pastTheDueDate.AcknowledgmentClock.Status);
    }

    [Fact]
    public void a_resolved_or_withdrawn_dispute_never_shows_a_breach_after_its_end()
    {
        var endedAt = Instant.FromUtc(2025, 3, 20, 15, 0);
        object[] resolved = [Opening(), new DisputeResolved(ResolutionOutcome.Corrected, 127.43m, null, null, null, endedAt)];
        object[] withdrawn = [Opening(), new DisputeWithdrawn(endedAt, null)];
        var inJuly = Instant.FromUtc(2025, 7, 1, 0, 0);

        var wasResolved = At(resolved, inJuly);
        var wasWithdrawn = At(withdrawn, inJuly);

        Assert.Equal((ClockStatus.MetByResolution, ClockStatus.Met), (wasResolved.AcknowledgmentClock.Status, wasResolved.ResolutionClock.Status));
        Assert.Equal((ClockStatus.Stopped, ClockStatus.Stopped), (wasWithdrawn.AcknowledgmentClock.Status, wasWithdrawn.ResolutionClock.Status));
        Assert.Null(wasResolved.ForfeitureExposure);
        Assert.Null(wasWithdrawn.ForfeitureExposure);
    }

    [Fact]
    public void both_clocks_past_due_show_breached_with_one_forfeiture()
    {
        var inJune = At([Opening()], Instant.FromUtc(2025, 6, 1, 0, 0));

        Assert.Equal((ClockStatus.Breached, ClockStatus.Breached), (inJune.AcknowledgmentClock.Status, inJune.ResolutionClock.Status));
        Assert.Equal(Instant.FromUtc(2025, 5, 16, 4, 0), inJune.ResolutionClock.BreachedAt);
        Assert.Equal(50m, inJune.ForfeitureExposure);
    }
}
