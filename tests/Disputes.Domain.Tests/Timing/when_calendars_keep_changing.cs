using CsCheck;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Timing;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Timing;

/// <summary>
/// Rule book section 3 over random zones, calendars and sequences of changes: no recompute ever moves a deadline whose
/// breach instant has passed, erases or postpones a breach, or touches a clock that is no longer pending.
/// </summary>
public class when_calendars_keep_changing
{
    private static Gen<BillingCycleCalendar> AnyCalendarNear(LocalDate near) =>
        Gen.Frequency(
            (1, Generators.Monthly.Select(c => (BillingCycleCalendar)c)),
            (1, Generators.ExplicitNear(near).Select(c => (BillingCycleCalendar)c)));

    private static Gen<(DateTimeZone Zone, LocalDate ReceivedOn, BillingCycleCalendar First, (int AfterDays, int Hour, BillingCycleCalendar Calendar)[] Changes)> Cases =>
        Gen.Select(Generators.Zone, Generators.Date).SelectMany((zone, received) =>
            Gen.Select(
                AnyCalendarNear(received),
                Gen.Select(Gen.Int[0, 40], Gen.Int[0, 23], AnyCalendarNear(received)).Array[1, 5],
                (first, changes) => (zone, received, first, changes)));

    [Fact]
    public void no_sequence_of_changes_moves_a_passed_deadline_or_removes_a_breach() =>
        Cases.Sample(x =>
        {
            var history = new CalendarHistory(x.First);
            var dispute = Given.DisputeReceivedOn(x.ReceivedOn, x.Zone.Id, calendar: history);

            var at = dispute.NoticeReceivedAt;
            foreach (var (afterDays, hour, calendar) in x.Changes)
            {
                at += Duration.FromDays(afterDays) + Duration.FromHours(hour);
                history = history.ChangedOn(LocalDate.Max(at.InZone(x.Zone).Date, history.Calendars[^1].InForceFrom), calendar);
                var before = dispute;

                dispute = RecomputeResolutionDeadline.Decide(before, history, at).Aggregate(before, (d, e) => d.Evolve(e));

                foreach (var (was, now) in before.Clocks.Zip(dispute.Clocks))
                {
                    if (!was.IsPending)
                    {
                        Assert.Equal(was, now);
                    }
                    else if (was.BreachInstant(before.TimeZone) <= at)
                    {
                        Assert.Equal(ClockStatus.Breached, now.Status);
                        Assert.Equal(was.DueOn, now.DueOn);
                        Assert.Equal(was.BreachInstant(before.TimeZone), now.BreachedAt);
                    }

                    Assert.False(now.IsPending && now.BreachInstant(dispute.TimeZone) <= at, $"{now.Clock} still pending past its breach instant at {at}");
                }
            }
        }, iter: 2_000);
}
