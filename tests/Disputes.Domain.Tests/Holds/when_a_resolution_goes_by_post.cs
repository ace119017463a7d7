using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Resolving;
using Disputes.Domain.Holds;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Holds;

/// <summary>
/// Rule book sections 4, 5 and 8 for a resolution letter by post: 1026.13(d) protects the amount until the explanation is
/// sent, and the cardmember's time to pay the amount owed (1026.13(g)(1)) runs from its sending, which is the mailing. A
/// correction credits the account at once, so its hold ends at once.
/// </summary>
public class when_a_resolution_goes_by_post
{
    private static readonly Instant Queued = Instant.FromUtc(2025, 3, 20, 15, 0);

    // 25 days after 03-20: the earliest date the explanation may give when it is decided.
    private static readonly LocalDate StatedDueOn = new(2025, 4, 14);

    private static IReadOnlyList<object> ExplainByPost(HeldDispute held) =>
        held.Record(new ResolveDispute(ResolutionOutcome.NoError, null, "Signed receipt matches", 127.43m, StatedDueOn)
            .Decide(held.Dispute, Queued, DeliveryChannel.Postal));

    private static IReadOnlyList<object> Mail(HeldDispute held, Instant mailedAt)
    {
        var letter = new NoticeQueuedForPost(Guid.NewGuid(), NoticeKind.Explanation, NoticeLanguage.En, "2026-12-01.1", Queued, new string('b', 64));
        held.Record([letter]);
        return held.Record(MailPostalNotices.Decide(held.Dispute, [letter.NoticeId], mailedAt, mailedAt));
    }

    [Fact]
    public void an_explanation_waiting_for_the_post_keeps_the_hold_of_a_pending_dispute()
    {
        var held = HeldDispute.Opened();

        Assert.Empty(ExplainByPost(held));
        Assert.Equal(HoldTerms.WhilePending, held.PlacedHold.Terms);
    }

    [Fact]
    public void mailed_in_time_the_payment_period_runs_to_the_date_the_letter_states()
    {
        var held = HeldDispute.Opened();
        ExplainByPost(held);
        // The same day in New York as the letter was queued.
        var mailedAt = Queued + Duration.FromHours(5);

        var changed = HeldDispute.Single<HoldChanged>(Mail(held, mailedAt));

        Assert.Equal((HoldChange.Explained, mailedAt, 127.43m), (changed.Why, changed.ChangedAt, changed.Amount));
        Assert.Equal(StatedDueOn, changed.Terms.PaymentDueOn);
    }

    [Fact]
    public void mailed_so_late_that_the_stated_date_leaves_less_than_the_payment_period_the_hold_runs_the_full_period_from_the_mailing()
    {
        var held = HeldDispute.Opened();
        ExplainByPost(held);
        var mailedAt = Instant.FromUtc(2025, 3, 27, 15, 0);

        var changed = HeldDispute.Single<HoldChanged>(Mail(held, mailedAt));

        // 25 days after the mailing on 03-27, not the 04-14 printed a week earlier.
        Assert.Equal(new LocalDate(2025, 4, 21), changed.Terms.PaymentDueOn);
        Assert.Equal(Instant.FromUtc(2025, 4, 22, 4, 0), changed.Terms.Until);
    }

    [Fact]
    public void a_correction_by_post_releases_the_hold_with_the_credit_at_once()
    {
        var held = HeldDispute.Opened();

        var released = HeldDispute.Single<HoldReleased>(held.Record(
            new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(held.Dispute, Queued, DeliveryChannel.Postal)));

        Assert.Equal((HoldRelease.Corrected, 127.43m, Queued), (released.Why, released.Credited, released.ReleasedAt));
    }
}
