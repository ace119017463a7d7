using Disputes.Domain.Accounts;
using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Resolving;

/// <summary>Rule book section 5: the amount owed is due at least max(10, the account's payment period) days after the explanation.</summary>
public class when_resolving_with_money_owed
{
    private static readonly LocalDate Received = new(2025, 3, 3);
    private static readonly Instant ResolvedAt = Instant.FromUtc(2025, 3, 20, 15, 0);

    private static Dispute Opened(int? paymentPeriodDays) => Given.DisputeReceivedOn(Received, paymentPeriodDays: paymentPeriodDays);

    private static ResolveDispute Explanation(LocalDate due) => new(ResolutionOutcome.NoError, null, "Signed receipt matches", 127.43m, due);

    [Theory]
    [InlineData(25, "2025-04-14")]
    [InlineData(7, "2025-03-30")]
    [InlineData(null, "2025-04-14")]
    public void the_earliest_due_date_is_the_longer_of_the_payment_period_and_10_days(int? period, string earliest)
    {
        var first = NodaTime.Text.LocalDatePattern.Iso.Parse(earliest).Value;

        var refused = Assert.Throws<DisputeFieldViolation>(() => Explanation(first.PlusDays(-1)).Decide(Opened(period), ResolvedAt));
        var resolved = Explanation(first).Decide(Opened(period), ResolvedAt);

        Assert.Equal("paymentDueOn", refused.Field);
        Assert.Contains(earliest, refused.Message);
        Assert.Contains($"{period ?? Account.DefaultPaymentPeriodDays} days", refused.Message);
        Assert.Equal(first, Assert.IsType<DisputeResolved>(Assert.Single(resolved)).PaymentDueOn);
    }

    [Fact]
    public void after_a_missed_deadline_the_forfeited_part_may_not_be_owed_and_the_resolution_records_it()
    {
        // 127.43 disputed; the acknowledgment was due 04-02 and is missed by the resolution on 04-10: forfeiture 50.
        var dispute = Opened(25);
        var at = Instant.FromUtc(2025, 4, 10, 15, 0);
        var due = new LocalDate(2025, 5, 5);

        var refused = Assert.Throws<DisputeFieldViolation>(() =>
            new ResolveDispute(ResolutionOutcome.NoError, null, "Signed receipt matches", 127.43m, due).Decide(dispute, at));
        var events = new ResolveDispute(ResolutionOutcome.NoError, null, "Signed receipt matches", 77.43m, due).Decide(dispute, at);

        Assert.Equal("amountOwed", refused.Field);
        Assert.Contains("77.43", refused.Message);
        Assert.Contains("50.00", refused.Message);
        Assert.IsType<DeadlineBreached>(events[0]);
        var resolved = Assert.IsType<DisputeResolved>(events[^1]);
        Assert.Equal(77.43m, resolved.AmountOwed);
        Assert.Equal(50m, resolved.ForfeitureApplied);
    }

    [Fact]
    public void with_every_deadline_met_nothing_is_forfeited()
    {
        var resolved = Explanation(new LocalDate(2025, 4, 14)).Decide(Opened(25), ResolvedAt);

        Assert.Null(Assert.IsType<DisputeResolved>(Assert.Single(resolved)).ForfeitureApplied);
    }

    [Fact]
    public void a_partial_resolution_credits_part_explains_the_rest_and_states_what_is_owed()
    {
        var events = new ResolveDispute(ResolutionOutcome.Partial, 40m, "The second charge was a separate order", 87.43m, new LocalDate(2025, 4, 14))
            .Decide(Opened(25), ResolvedAt);

        var resolved = Assert.IsType<DisputeResolved>(Assert.Single(events));
        Assert.Equal((40m, 87.43m, new LocalDate(2025, 4, 14)), (resolved.CreditedAmount!.Value, resolved.AmountOwed!.Value, resolved.PaymentDueOn!.Value));
        Assert.Equal("The second charge was a separate order", resolved.Explanation);
    }

    [Fact]
    public void a_partial_resolution_after_a_missed_deadline_owes_at_most_what_is_left_after_the_credit_and_the_forfeiture()
    {
        // 127.43 disputed, 40 credited, 50 forfeited: at most 37.43 may be owed.
        var at = Instant.FromUtc(2025, 4, 10, 15, 0);

        var refused = Assert.Throws<DisputeFieldViolation>(() =>
            new ResolveDispute(ResolutionOutcome.Partial, 40m, "Separate order", 87.43m, new LocalDate(2025, 5, 5)).Decide(Opened(25), at));

        Assert.Equal("amountOwed", refused.Field);
        Assert.Contains("37.43", refused.Message);
    }
}
