using Disputes.Domain.Deadlines;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;

namespace Disputes.Domain.Holds;

/// <summary>
/// Keeping a dispute's billing-error hold in step with the dispute: finance charges raise it, a withdrawal or a correction
/// releases it, an explanation keeps the amount owed until its due date, and a reassertion within that period turns it
/// into "report only as in dispute" (rule book sections 4 and 5).
/// </summary>
public static class FollowDispute
{
    /// <summary>
    /// What every command on a dispute appends: the events it decided, then what they do to the dispute's own hold
    /// (<see cref="Dispute.Hold"/>).
    /// </summary>
    /// <param name="dispute">The dispute before <paramref name="decided"/>.</param>
    /// <param name="decided">The dispute events the command decided, oldest first.</param>
    public static IReadOnlyList<object> WithHold(Dispute dispute, IReadOnlyList<object> decided) =>
        decided.Count == 0 ? decided : [.. decided, .. Decide(dispute, dispute.Hold, decided)];

    /// <summary>
    /// The hold events that follow from <paramref name="decided"/>, the events a command just decided for
    /// <paramref name="dispute"/>; append them after those events. A payment period that ended before one of them is recorded
    /// first, with the instant it ended.
    /// </summary>
    /// <param name="dispute">The dispute before <paramref name="decided"/>.</param>
    /// <param name="hold">The dispute's hold before <paramref name="decided"/>; null when it has none (nothing follows).</param>
    /// <param name="decided">The dispute events just decided, oldest first; events that do not concern the hold are passed over.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dispute"/> or <paramref name="decided"/> is null.</exception>
    /// <exception cref="ArgumentException">One of <paramref name="decided"/> is not a dispute event.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, BillingErrorHold? hold, IEnumerable<object> decided)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(decided);
        var followed = new List<object>();
        foreach (var @event in decided)
        {
            dispute = dispute.Evolve(@event);
            if (hold is null || hold.IsReleased)
            {
                continue;
            }

            // Judge the event by the hold as it stood when it happened: a reassertion after the due date is no
            // reassertion within the payment period, even if the end of that period is not yet recorded.
            foreach (var lapse in hold.LapsesDueBy(DisputeEventTime.Of(@event)))
            {
                followed.Add(lapse);
                hold = hold.Evolve(lapse);
            }

            foreach (var change in After(dispute, hold, @event))
            {
                followed.Add(change);
                hold = hold.Evolve(change);
            }
        }

        return followed;
    }

    private static IEnumerable<object> After(Dispute dispute, BillingErrorHold hold, object @event)
    {
        if (hold.IsReleased)
        {
            yield break;
        }

        switch (@event)
        {
            // Once an explanation has stated the amount owed, that amount is what the cardmember was told; later charges
            // are not part of it.
            case FinanceChargesRecorded e when hold.Terms.Stage == HoldStage.Pending:
                yield return new HoldChanged(dispute.Amount + dispute.FinanceCharges, hold.Terms, HoldChange.FinanceChargesRecorded, e.RecordedAt);
                break;

            case DisputeWithdrawn e:
                yield return new HoldReleased(HoldRelease.Withdrawn, null, e.WithdrawnAt);
                break;

            case DisputeResolved { Outcome: ResolutionOutcome.Corrected } e:
                yield return new HoldReleased(HoldRelease.Corrected, e.CreditedAmount, e.ResolvedAt);
                break;

            // 1026.13(d) protects the amount until the explanation is sent, and the time to pay runs from its sending
            // (1026.13(g)(1)): an explanation by post changes nothing until the vendor mails it.
            case DisputeResolved { AmountOwed: > 0m, LetterByPost: true }:
                break;

            case DisputeResolved { AmountOwed: > 0m } e:
                yield return PaymentPeriod(dispute, e, e.ResolvedAt);
                break;

            case Notices.NoticeIssued { Channel: Notices.DeliveryChannel.Postal } e
                when Notices.NoticeKinds.IsResolution(e.Kind) && hold.Terms.Stage == HoldStage.Pending
                    && dispute.Resolution is { LetterByPost: true, AmountOwed: > 0m } resolution:
                yield return PaymentPeriod(dispute, resolution, e.SentAt);
                break;

            case DisputeResolved e:
                yield return new HoldReleased(HoldRelease.NothingOwed, e.CreditedAmount, e.ResolvedAt);
                break;

            case DisputeReopened e when hold.Terms is { Stage: HoldStage.PaymentPeriod, PaymentDueOn: { } due, Until: { } until }:
                yield return new HoldChanged(hold.Amount, HoldTerms.ForReassertedPaymentPeriod(due, until),
                    HoldChange.ReassertedWithinPaymentPeriod, e.ReopenedAt);
                break;
        }
    }

    /// <summary>
    /// The payment period an explanation sent at <paramref name="sentAt"/> gives: the amount owed is held until the date the
    /// letter states, or, should a letter by post have been mailed so late that this date leaves less than the time
    /// 1026.13(g)(1) allows, until the end of that time counted from the mailing.
    /// </summary>
    private static HoldChanged PaymentPeriod(Dispute dispute, DisputeResolved resolution, NodaTime.Instant sentAt)
    {
        var earliest = sentAt.InZone(dispute.TimeZone).Date.PlusDays(Math.Max(ResolveDispute.MinimumDaysToPay, dispute.PaymentPeriodDays));
        // ResolveDispute refuses money owed without a date; were one recorded anyway, the earliest lawful date stands.
        var dueOn = resolution.PaymentDueOn is { } stated && stated >= earliest ? stated : earliest;
        return new HoldChanged(resolution.AmountOwed!.Value,
            HoldTerms.ForPaymentPeriod(dueOn, DeadlineInstants.BreachInstant(dueOn, dispute.TimeZone)), HoldChange.Explained, sentAt);
    }
}
