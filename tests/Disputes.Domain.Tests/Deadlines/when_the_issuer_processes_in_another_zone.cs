using CsCheck;
using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.BusinessDays;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Opening;
using Disputes.Domain.Disputes.Timing;
using Disputes.Domain.Holds;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Deadlines;

/// <summary>
/// Rule book, "Dates and time zones": with the issuer's processing zone set, a notice is timely when it is timely in
/// either zone and every deadline takes the earlier reading. The worked example of <see cref="ReceiptReadings"/>: an
/// account in New York closing on the 2nd, the issuer in Los Angeles, a notice received 2025-03-03T06:30Z (03-03 in New
/// York, 03-02 in Los Angeles) about a statement transmitted 2025-01-01 (last day to receive 03-02).
/// </summary>
public class when_the_issuer_processes_in_another_zone
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];
    private static readonly Instant ReceivedAt = Instant.FromUtc(2025, 3, 3, 6, 30);

    private static Account AccountIn(DateTimeZone zone) =>
        Account.Start(Guid.NewGuid(), new AccountRegistered("acct-1", zone.Id, new MonthlyClosingDay(2), Instant.FromUtc(2025, 1, 1, 15, 0)));

    private static OpenDispute Notice(Instant receivedAt, LocalDate? statement) => new(
        "acct-1", "1005", "chat-a", BillingErrorKind.Unauthorized, "XYZ Store", 127.43m, "USD", new LocalDate(2024, 12, 20), statement,
        receivedAt, "I did not make this purchase", null);

    private static DisputeOpened Open(DateTimeZone account, DateTimeZone? processing, Instant? receivedAt = null, LocalDate? statement = null) =>
        Notice(receivedAt ?? ReceivedAt, statement ?? new LocalDate(2025, 1, 1))
            .Decide(AccountIn(account), "DSP-2025-000001", receivedAt ?? ReceivedAt, processing);

    [Fact]
    public void the_worked_example_is_timely_and_each_deadline_is_the_earlier_reading()
    {
        var opened = Open(NewYork, LosAngeles);

        Assert.Equal(new FilingWindow(new LocalDate(2025, 3, 2), true), opened.FilingWindow);
        Assert.Equal(new LocalDate(2025, 3, 3), opened.ReceivedOn);
        Assert.Equal(new LocalDate(2025, 3, 2), opened.ReceivedOnInProcessingZone);
        Assert.Equal("America/Los_Angeles", opened.ProcessingTimeZoneId);
        Assert.Equal(new LocalDate(2025, 4, 1), opened.AcknowledgmentDueOn);
        Assert.Equal(new ResolutionDeadline(new LocalDate(2025, 5, 2), ResolutionBasis.TwoCycles, null), opened.ResolutionDeadline);

        // Still dates in the account's zone: the acknowledgment breaches at the start of 04-02 in New York.
        var dispute = Dispute.Start(opened);
        Assert.Equal(Instant.FromUtc(2025, 4, 2, 4, 0), dispute.AcknowledgmentClock.BreachInstant(dispute.TimeZone));
    }

    [Fact]
    public void without_the_processing_zone_the_same_notice_is_late_and_runs_no_clock()
    {
        var opened = Open(NewYork, null);

        Assert.False(opened.FilingWindow!.Timely);
        Assert.Null(opened.AcknowledgmentDueOn);
        Assert.Null(opened.ResolutionDeadline);
        Assert.Null(opened.ReceivedOnInProcessingZone);
    }

    [Fact]
    public void with_the_zones_the_other_way_round_the_accounts_own_reading_is_the_earlier_and_nothing_changes()
    {
        var withProcessing = Open(LosAngeles, NewYork);
        var without = Open(LosAngeles, null);

        Assert.Equal(
            (without.FilingWindow, without.AcknowledgmentDueOn, without.ResolutionDeadline),
            (withProcessing.FilingWindow, withProcessing.AcknowledgmentDueOn, withProcessing.ResolutionDeadline));
        Assert.Equal(new LocalDate(2025, 4, 1), withProcessing.AcknowledgmentDueOn);
    }

    [Fact]
    public void the_hold_judges_the_autopay_cutoff_in_time_in_either_zone()
    {
        // Payment Friday 03-07, cut-off Tuesday 03-04. Received 03-05T06:30Z: Wednesday in New York, too late; still
        // Tuesday in Los Angeles, in time. The dispute carries the zone it was opened with to the hold.
        AutopayExclusion PlacedFor(DateTimeZone? processing) => Assert.IsType<HoldPlaced>(Assert.Single(PlaceHold.Decide(
            Dispute.Start(Open(NewYork, processing, Instant.FromUtc(2025, 3, 5, 6, 30), new LocalDate(2025, 2, 16))),
            new LocalDate(2025, 3, 7), BusinessDayCalendar.FederalReserve))).Autopay.Exclusion;

        Assert.Equal(AutopayExclusion.FromScheduledPayment, PlacedFor(LosAngeles));
        Assert.Equal(AutopayExclusion.FromLaterPayments, PlacedFor(null));
    }

    [Fact]
    public void a_recomputed_deadline_keeps_the_earlier_reading()
    {
        var dispute = Dispute.Start(Open(NewYork, LosAngeles));
        var changed = new CalendarHistory(new MonthlyClosingDay(2)).ChangedOn(new LocalDate(2025, 3, 20), new MonthlyClosingDay(25));

        // Los Angeles reading: 03-02 closed, then 03-25 and 04-25; New York's (from 03-03): 03-25, 04-25, 05-25.
        var recomputed = Assert.IsType<ResolutionDeadlineRecomputed>(
            Assert.Single(RecomputeResolutionDeadline.Decide(dispute, changed, Instant.FromUtc(2025, 3, 20, 15, 0))));

        Assert.Equal(new LocalDate(2025, 4, 25), recomputed.Deadline.DueOn);
    }

    [Fact]
    public void no_deadline_is_later_and_no_timely_notice_late_for_the_processing_zone() =>
        Gen.Select(Generators.Zone, Generators.Zone, Generators.ReceiptAndCalendar, Gen.Int[-26 * 60, 50 * 60], Gen.Int[55, 65])
            .Sample((account, processing, x, minutes, statementDaysBefore) =>
            {
                var at = x.ReceivedOn.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() + Duration.FromMinutes(minutes);
                var statement = x.ReceivedOn.PlusDays(-statementDaysBefore);
                var alone = ReceiptReadings.Of(at, account, null);
                var both = ReceiptReadings.Of(at, account, processing);

                Assert.True(both.AcknowledgmentDueOn <= alone.AcknowledgmentDueOn);
                Assert.Equal(AcknowledgmentRule.DueOn(LocalDate.Min(at.InZone(account).Date, at.InZone(processing).Date)), both.AcknowledgmentDueOn);
                var (resolution, own, theirs) = (both.ResolutionDeadlineFor(x.Calendar).DueOn, alone.ResolutionDeadlineFor(x.Calendar).DueOn,
                    ResolutionDeadline.Compute(at.InZone(processing).Date, x.Calendar).DueOn);
                Assert.Equal(LocalDate.Min(own, theirs), resolution);
                Assert.Equal(alone.FilingWindowFor(statement).Timely || FilingWindow.Evaluate(statement, at.InZone(processing).Date).Timely,
                    both.FilingWindowFor(statement).Timely);
            });
}
