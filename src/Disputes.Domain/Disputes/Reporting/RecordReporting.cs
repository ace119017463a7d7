using Disputes.Domain.Holds;
using Disputes.Domain.Notices;
using NodaTime;

namespace Disputes.Domain.Disputes.Reporting;

/// <summary>
/// The issuer reported an amount the cardmember disputed again within the payment period (1026.13(g)(4)), as in dispute,
/// to the parties named; or, later, reported the dispute's resolution to them. The notice of reporting that names them
/// is issued with it.
/// </summary>
/// <param name="Stage">The report, or the report of its resolution.</param>
/// <param name="Parties">Each party reported to, with its address.</param>
/// <param name="ReportedOn">When the report was made, in the dispute's time zone.</param>
/// <param name="RecordedAt">When it was recorded here.</param>
/// <param name="Amount">The amount reported as in dispute: what the explanation said is owed; for the resolution's report, the amount reported before.</param>
public sealed record AmountInDisputeReported(ReportingStage Stage, IReadOnlyList<ReportedParty> Parties, LocalDate ReportedOn, Instant RecordedAt, decimal? Amount = null);

/// <summary>Recording a report of 1026.13(g)(4): allowed only where the rule puts the duty to name the parties reported to.</summary>
public static class RecordReporting
{
    /// <summary>
    /// True when 1026.13(g)(4) puts the duty on <paramref name="dispute"/>: the cardmember disputed the amount owed again
    /// within the payment period (the hold went to its reasserted stage), and the dispute is not withdrawn.
    /// </summary>
    public static bool IsDue(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.Status != DisputeStatus.Withdrawn
            && dispute.Hold?.Periods.Any(p => p.Terms.Stage is HoldStage.PaymentPeriodReasserted or HoldStage.ReportOnlyAsInDispute) == true;
    }

    /// <summary>The event that recording a report of <paramref name="stage"/> on <paramref name="dispute"/> at <paramref name="now"/> adds.</summary>
    /// <exception cref="DisputeRuleViolation">
    /// The dispute is withdrawn; the cardmember did not dispute the amount owed again within the payment period (no
    /// reporting duty); or a resolution is reported before the report itself, or before the reasserted dispute is resolved.
    /// </exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, ReportingStage stage, IReadOnlyList<ReportedParty> parties, LocalDate reportedOn, Instant now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.Status == DisputeStatus.Withdrawn)
        {
            throw new DisputeRuleViolation(DisputeRule.Withdrawn, "Cannot record a report: the cardmember withdrew this dispute.");
        }

        if (!IsDue(dispute))
        {
            throw new DisputeRuleViolation(DisputeRule.NoReportingDuty,
                "A notice of reporting follows only a reassertion within the payment period (1026.13(g)(4)): this amount was not disputed again in time, so it is not reported as in dispute with the parties named.");
        }

        var earlier = dispute.Reports.LastOrDefault(r => r.Stage == ReportingStage.Reported);
        if (stage == ReportingStage.ResolutionReported)
        {
            if (earlier is null)
            {
                throw new DisputeRuleViolation(DisputeRule.NothingReportedYet, "No report to the parties is recorded yet, so there is no resolution to report to them.");
            }

            if (dispute.Status != DisputeStatus.Resolved)
            {
                throw new DisputeRuleViolation(DisputeRule.NotResolvedAgain, "The reasserted dispute is not resolved yet: report its resolution once it is.");
            }
        }

        var amount = stage == ReportingStage.Reported ? dispute.Resolution?.AmountOwed : earlier!.Amount;
        return [new AmountInDisputeReported(stage, parties, reportedOn, now, amount)];
    }
}
