using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Reopening;
using Disputes.Domain.Disputes.Reporting;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Holds;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Reporting;

/// <summary>Rule book section 5 (1026.13(g)(4)): the parties reported to are named only after a reassertion within the payment period.</summary>
public class when_a_reasserted_amount_is_reported
{
    private static readonly Instant ExplainedAt = Instant.FromUtc(2025, 3, 20, 15, 0);
    private static readonly IReadOnlyList<ReportedParty> Experian = [new("Experian", ["P.O. Box 2002", "Allen, TX 75013"])];

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) =>
        FollowDispute.WithHold(dispute, [.. events]).Aggregate(dispute, (d, e) => d.Evolve(e));

    private static Dispute Explained()
    {
        var opened = Given.DisputeReceivedOn(new LocalDate(2025, 3, 3));
        var held = PlaceHold.Decide(opened, null, Domain.BusinessDays.BusinessDayCalendar.FederalReserve).Aggregate(opened, (d, e) => d.Evolve(e));
        return Fold(held, new ResolveDispute(ResolutionOutcome.NoError, null, "Signed receipt matches", 127.43m, new LocalDate(2025, 4, 20)).Decide(held, ExplainedAt));
    }

    private static Dispute ReassertedOn(Instant at)
    {
        var explained = Explained();
        return Fold(explained, ReopenDispute.Decide(explained, "Disputes the amount owed again", at));
    }

    [Fact]
    public void a_reassertion_within_the_payment_period_lets_the_report_be_recorded_with_the_amount_owed()
    {
        var reasserted = ReassertedOn(Instant.FromUtc(2025, 4, 1, 15, 0));

        var reported = Assert.IsType<AmountInDisputeReported>(Assert.Single(
            RecordReporting.Decide(reasserted, ReportingStage.Reported, Experian, new LocalDate(2025, 4, 25), Instant.FromUtc(2025, 4, 25, 15, 0))));

        Assert.Equal(127.43m, reported.Amount);
        Assert.Contains(DisputeAction.RecordReporting, DisputeActions.AllowedFor(reasserted));
    }

    [Fact]
    public void a_reassertion_after_the_payment_period_puts_no_duty_to_name_the_parties()
    {
        var late = ReassertedOn(Instant.FromUtc(2025, 4, 22, 15, 0));

        var refused = Assert.Throws<DisputeRuleViolation>(() =>
            RecordReporting.Decide(late, ReportingStage.Reported, Experian, new LocalDate(2025, 4, 25), Instant.FromUtc(2025, 4, 25, 15, 0)));

        Assert.Equal(DisputeRule.NoReportingDuty, refused.Rule);
        Assert.DoesNotContain(DisputeAction.RecordReporting, DisputeActions.AllowedFor(late));
    }

    [Fact]
    public void the_resolution_is_reported_only_after_the_report_and_once_resolved_again()
    {
        var reasserted = ReassertedOn(Instant.FromUtc(2025, 4, 1, 15, 0));
        var at = Instant.FromUtc(2025, 4, 25, 15, 0);

        var first = Assert.Throws<DisputeRuleViolation>(() => RecordReporting.Decide(reasserted, ReportingStage.ResolutionReported, Experian, new LocalDate(2025, 4, 25), at));
        var reported = Fold(reasserted, RecordReporting.Decide(reasserted, ReportingStage.Reported, Experian, new LocalDate(2025, 4, 25), at));
        var unresolved = Assert.Throws<DisputeRuleViolation>(() => RecordReporting.Decide(reported, ReportingStage.ResolutionReported, Experian, new LocalDate(2025, 4, 25), at));

        Assert.Equal(DisputeRule.NothingReportedYet, first.Rule);
        Assert.Equal(DisputeRule.NotResolvedAgain, unresolved.Rule);
    }
}
