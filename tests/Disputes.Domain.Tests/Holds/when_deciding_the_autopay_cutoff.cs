using Disputes.Domain.BusinessDays;
using Disputes.Domain.Holds;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>
/// Rule book section 4 (1026.13(d)(1), comments 13(d)(1)-3 and -4): the issuer's autopay may not take the disputed amount when
/// the notice arrived by the end of the third business day before the scheduled payment; a later notice lets that one payment
/// take it, and every later deduction leaves it out.
/// </summary>
public class when_deciding_the_autopay_cutoff
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static LocalDate Day(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static AutopayCutoff Decide(string scheduledOn, Instant receivedAt) =>
        AutopayCutoff.Decide(Day(scheduledOn), receivedAt, NewYork, BusinessDayCalendar.FederalReserve);

    private static Instant LocalNoon(string date) => NewYork.AtStartOfDay(Day(date)).ToInstant() + Duration.FromHours(12);

    [Fact]
    public void a_notice_by_the_end_of_the_third_business_day_before_the_payment_keeps_the_amount_out_of_it()
    {
        // Payment on Friday 2025-03-14: received by the end of Tuesday 03-11, New York time (UTC-4 since 03-09).
        var lastMoment = Instant.FromUtc(2025, 3, 12, 3, 59, 59);

        var cutoff = Decide("2025-03-14", lastMoment);

        Assert.Equal(new AutopayCutoff(AutopayExclusion.FromScheduledPayment, Day("2025-03-14"), Day("2025-03-11"), Day("2025-03-11")), cutoff);
        Assert.False(cutoff.MayTakeHeldAmountOn(Day("2025-03-14")));
    }

    [Fact]
    public void a_notice_one_second_later_lets_the_scheduled_payment_take_it_and_no_later_one()
    {
        var cutoff = Decide("2025-03-14", Instant.FromUtc(2025, 3, 12, 4, 0));

        Assert.Equal(AutopayExclusion.FromLaterPayments, cutoff.Exclusion);
        Assert.Equal(Day("2025-03-12"), cutoff.ReceivedOn);
        Assert.True(cutoff.MayTakeHeldAmountOn(Day("2025-03-14")));
        Assert.False(cutoff.MayTakeHeldAmountOn(Day("2025-03-15")));
        Assert.False(cutoff.MayTakeHeldAmountOn(Day("2025-04-14")));
    }

    [Theory]
    [InlineData("2025-03-17", "2025-03-12", "2025-03-13", "a Monday payment: the weekend does not count")]
    [InlineData("2025-05-27", "2025-05-21", "2025-05-22", "the Tuesday after Memorial Day")]
    [InlineData("2025-06-23", "2025-06-17", "2025-06-18", "the Monday after Juneteenth on a Thursday")]
    [InlineData("2026-07-07", "2026-07-02", "2026-07-03", "Saturday July 4 2026: Friday July 3 is a business day for the Fed")]
    [InlineData("2027-07-08", "2027-07-02", "2027-07-05", "Sunday July 4 2027: Monday July 5 is not")]
    public void the_cutoff_skips_weekends_and_federal_holidays(string paymentOn, string cutoffOn, string tooLateOn, string why)
    {
        var inTime = Decide(paymentOn, LocalNoon(cutoffOn));
        var late = Decide(paymentOn, LocalNoon(tooLateOn));

        Assert.True(Day(cutoffOn) == inTime.CutoffOn, why);
        Assert.Equal(AutopayExclusion.FromScheduledPayment, inTime.Exclusion);
        Assert.Equal(AutopayExclusion.FromLaterPayments, late.Exclusion);
    }

    [Theory]
    [InlineData("2026-07-06", "2026-07-01", "2026-07-02", "Saturday July 4 2026: Friday July 3 counts, so Monday's cut-off is Wednesday")]
    [InlineData("2027-07-07", "2027-07-01", "2027-07-02", "Sunday July 4 2027: Monday July 5 does not count, so Wednesday's cut-off is Thursday before")]
    public void the_cutoff_across_a_saturday_or_sunday_holiday_follows_the_fed(string paymentOn, string cutoffOn, string tooLateOn, string why)
    {
        var inTime = Decide(paymentOn, LocalNoon(cutoffOn));

        Assert.True(Day(cutoffOn) == inTime.CutoffOn, why);
        Assert.Equal(AutopayExclusion.FromScheduledPayment, inTime.Exclusion);
        Assert.Equal(AutopayExclusion.FromLaterPayments, Decide(paymentOn, LocalNoon(tooLateOn)).Exclusion);
    }

    [Fact]
    public void a_closing_the_program_adds_moves_the_cutoff_a_business_day_earlier()
    {
        // Payment on Monday 2025-01-13. The Fed's calendar: cut-off Wednesday 01-08, so a notice of Wednesday is in time.
        // With the national day of mourning of Thursday 01-09 closed too, the cut-off is Tuesday 01-07, and it is not.
        var mourning = BusinessDayCalendar.FederalReserve.With([Day("2025-01-09")], []);
        var receivedAt = LocalNoon("2025-01-08");

        var fed = AutopayCutoff.Decide(Day("2025-01-13"), receivedAt, NewYork, BusinessDayCalendar.FederalReserve);
        var closed = AutopayCutoff.Decide(Day("2025-01-13"), receivedAt, NewYork, mourning);

        Assert.Equal((Day("2025-01-08"), AutopayExclusion.FromScheduledPayment), (fed.CutoffOn!.Value, fed.Exclusion));
        Assert.Equal((Day("2025-01-07"), AutopayExclusion.FromLaterPayments), (closed.CutoffOn!.Value, closed.Exclusion));
    }

    [Fact]
    public void calendar_days_would_be_wrong_across_a_weekend()
    {
        // Thursday 03-13 is three calendar days before Monday 03-17 but only one business day.
        Assert.Equal(AutopayExclusion.FromLaterPayments, Decide("2025-03-17", LocalNoon("2025-03-13")).Exclusion);
    }

    [Fact]
    public void the_receipt_date_is_the_accounts_local_date()
    {
        // 2025-03-12T02:00Z is still Tuesday 03-11 in New York but already Wednesday in UTC.
        Assert.Equal(AutopayExclusion.FromScheduledPayment, Decide("2025-03-14", Instant.FromUtc(2025, 3, 12, 2, 0)).Exclusion);
        Assert.Equal(AutopayExclusion.FromLaterPayments,
            AutopayCutoff.Decide(Day("2025-03-14"), Instant.FromUtc(2025, 3, 12, 2, 0), DateTimeZone.Utc, BusinessDayCalendar.FederalReserve).Exclusion);
    }

    [Fact]
    public void with_a_processing_zone_the_notice_is_in_time_when_it_is_in_time_in_either_zone()
    {
        // 2025-03-12T02:00Z: Wednesday in a UTC account, still Tuesday 03-11 in a New York processing zone.
        var receivedAt = Instant.FromUtc(2025, 3, 12, 2, 0);

        var cutoff = AutopayCutoff.Decide(Day("2025-03-14"), receivedAt, DateTimeZone.Utc, BusinessDayCalendar.FederalReserve, processingZone: NewYork);

        Assert.Equal((AutopayExclusion.FromScheduledPayment, Day("2025-03-11")), (cutoff.Exclusion, cutoff.ReceivedOn));
        Assert.Equal(AutopayExclusion.FromScheduledPayment,
            AutopayCutoff.Decide(Day("2025-03-14"), receivedAt, NewYork, BusinessDayCalendar.FederalReserve, processingZone: DateTimeZone.Utc).Exclusion);
    }

    [Fact]
    public void without_autopay_there_is_nothing_to_leave_out()
    {
        var cutoff = AutopayCutoff.Decide(null, LocalNoon("2025-03-03"), NewYork, BusinessDayCalendar.FederalReserve);

        Assert.Equal(new AutopayCutoff(AutopayExclusion.NotApplicable, null, null, Day("2025-03-03")), cutoff);
        Assert.False(cutoff.MayTakeHeldAmountOn(Day("2025-03-05")));
    }

    [Fact]
    public void a_scheduled_date_already_past_means_every_later_deduction_leaves_it_out()
    {
        var cutoff = Decide("2025-03-01", LocalNoon("2025-03-03"));

        Assert.Equal(AutopayExclusion.FromLaterPayments, cutoff.Exclusion);
        Assert.False(cutoff.MayTakeHeldAmountOn(Day("2025-03-03")));
    }
}
