using Disputes.Domain.BillingCycles;
using Disputes.Domain.Clocks;
using Disputes.Domain.Disputes;
using Disputes.Domain.Disputes.Investigating;
using Disputes.Domain.Disputes.Resolving;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Investigating;

/// <summary>
/// Rule book sections 4 and 6: the steps between acknowledgment and resolution (provisional credit, documents, the merchant,
/// finance charges, notes) move no clock (comment 13(c)-1); finance charges count toward the forfeiture, up to the $50 cap.
/// A notice received 2025-03-03 in New York, the account closing on the 15th: acknowledgment due 04-02 (breached at
/// 2025-04-03T04:00Z), resolution due 05-15.
/// </summary>
public class when_a_dispute_is_investigated
{
    private static readonly Instant OnMarch10 = Instant.FromUtc(2025, 3, 10, 14, 0);
    private static readonly Instant AfterTheAcknowledgmentWasDue = Instant.FromUtc(2025, 4, 5, 14, 0);

    private static Dispute Opened(decimal amount = 127.43m) =>
        Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), amount: amount, calendar: new MonthlyClosingDay(15));

    private static Dispute Fold(Dispute dispute, IEnumerable<object> events) => events.Aggregate(dispute, (d, e) => d.Evolve(e));

    private static readonly Dictionary<string, Func<Dispute, Instant, IReadOnlyList<object>>> Steps = new()
    {
        ["provisional credit"] = (d, at) => InvestigationSteps.IssueProvisionalCredit(d, 20m, at),
        ["documents requested"] = (d, at) => InvestigationSteps.RequestDocuments(d, DocumentSource.Merchant, "Signed receipt", at),
        ["documents received"] = (d, at) => InvestigationSteps.ReceiveDocuments(d, DocumentSource.Merchant, "Receipt without signature", at),
        ["merchant contacted"] = (d, at) => InvestigationSteps.ContactMerchant(d, "Asked for proof of delivery", at),
        ["finance charges"] = (d, at) => InvestigationSteps.RecordFinanceCharges(d, 2.10m, at),
        ["note"] = (d, at) => InvestigationSteps.AddNote(d, "Cardmember prefers email", at),
    };

    public static TheoryData<string> EveryStep => [.. Steps.Keys];

    public static TheoryData<string> EveryStepButANote => [.. Steps.Keys.Where(k => k != "note")];

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void no_step_moves_a_clock(string step)
    {
        var dispute = Opened();

        var after = Fold(dispute, Steps[step](dispute, OnMarch10));

        Assert.Equal((dispute.AcknowledgmentClock, dispute.ResolutionClock), (after.AcknowledgmentClock, after.ResolutionClock));
        Assert.Equal(DisputeStatus.Open, after.Status);
        Assert.Equal(dispute.Version + 1, after.Version);
    }

    [Theory]
    [MemberData(nameof(EveryStep))]
    public void a_step_after_the_acknowledgment_due_date_records_the_breach_first(string step)
    {
        var events = Steps[step](Opened(), AfterTheAcknowledgmentWasDue);

        Assert.Equal(2, events.Count);
        Assert.Equal(new DeadlineBreached(ComplianceClock.Acknowledgment, new LocalDate(2025, 4, 2), Instant.FromUtc(2025, 4, 3, 4, 0), 50m), events[0]);
        Assert.Equal(AfterTheAcknowledgmentWasDue, DisputeEventTime.Of(events[1]));
    }

    [Theory]
    [MemberData(nameof(EveryStepButANote))]
    public void no_step_but_a_note_is_taken_on_a_resolved_or_withdrawn_dispute(string step)
    {
        var dispute = Opened();
        var resolved = Fold(dispute, new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(dispute, OnMarch10));
        var withdrawn = dispute.Evolve(new DisputeWithdrawn(OnMarch10, "Found the purchase"));
        var later = OnMarch10 + Duration.FromDays(1);

        Assert.Equal(DisputeRule.Resolved, Assert.Throws<DisputeRuleViolation>(() => Steps[step](resolved, later)).Rule);
        Assert.Equal(DisputeRule.Withdrawn, Assert.Throws<DisputeRuleViolation>(() => Steps[step](withdrawn, later)).Rule);
    }

    [Fact]
    public void a_note_is_added_in_every_state_since_audits_annotate_closed_disputes_too()
    {
        var dispute = Opened();
        var resolved = Fold(dispute, new ResolveDispute(ResolutionOutcome.Corrected, 127.43m, null, null, null).Decide(dispute, OnMarch10));
        var withdrawn = dispute.Evolve(new DisputeWithdrawn(OnMarch10, "Found the purchase"));
        var muchLater = Instant.FromUtc(2025, 7, 1, 14, 0);

        Assert.Equal(new NoteAdded("Reviewed in the July audit", muchLater), Assert.Single(InvestigationSteps.AddNote(resolved, "Reviewed in the July audit", muchLater)));
        Assert.Equal(new NoteAdded("Reviewed in the July audit", muchLater), Assert.Single(InvestigationSteps.AddNote(withdrawn, "Reviewed in the July audit", muchLater)));
        Assert.Equal([DisputeAction.AddNote], DisputeActions.AllowedFor(withdrawn));
    }

    [Fact]
    public void a_provisional_credit_is_posted_up_to_the_disputed_amount_and_stops_no_clock()
    {
        var dispute = Opened();

        var events = InvestigationSteps.IssueProvisionalCredit(dispute, 127.43m, OnMarch10);
        var credited = Fold(dispute, events);

        Assert.Equal(new ProvisionalCreditIssued(127.43m, OnMarch10), Assert.Single(events));
        Assert.Equal(127.43m, credited.ProvisionalCredit);
        Assert.Equal(ClockStatus.Pending, credited.AcknowledgmentClock.Status);
        Assert.Equal(ClockStatus.Pending, credited.ResolutionClock.Status);
    }

    [Fact]
    public void a_provisional_credit_beyond_what_is_still_uncredited_is_refused()
    {
        // 100.00 of the 127.43 already credited: 27.43 is left.
        var dispute = Opened().Evolve(new ProvisionalCreditIssued(100m, OnMarch10));

        var refused = Assert.Throws<DisputeRuleViolation>(() => InvestigationSteps.IssueProvisionalCredit(dispute, 27.44m, OnMarch10));
        var rest = Fold(dispute, InvestigationSteps.IssueProvisionalCredit(dispute, 27.43m, OnMarch10));

        Assert.Equal(DisputeRule.CreditExceedsDisputed, refused.Rule);
        Assert.Contains("27.44", refused.Message);
        Assert.Contains("(27.43)", refused.Message);
        Assert.Equal(127.43m, rest.ProvisionalCredit);
    }

    [Fact]
    public void related_finance_charges_may_be_credited_too()
    {
        var dispute = Opened();
        var charged = Fold(dispute, InvestigationSteps.RecordFinanceCharges(dispute, 2.57m, OnMarch10));

        var credited = Fold(charged, InvestigationSteps.IssueProvisionalCredit(charged, 130.00m, OnMarch10));

        Assert.Equal((2.57m, 130.00m), (credited.FinanceCharges, credited.ProvisionalCredit));
    }

    [Theory]
    [InlineData(30, 2, 32)]
    [InlineData(200, 5, 50)]
    public void finance_charges_count_toward_the_forfeiture_up_to_the_cap(decimal amount, decimal charges, decimal forfeiture)
    {
        // Rule book section 6: $30 + $2 disputed forfeits $32; $200 + $5 forfeits the $50 cap.
        var dispute = Opened(amount);
        var charged = Fold(dispute, InvestigationSteps.RecordFinanceCharges(dispute, charges, OnMarch10));

        var events = InvestigationSteps.AddNote(charged, "Still waiting for the merchant", AfterTheAcknowledgmentWasDue);
        var after = Fold(charged, events);

        Assert.Equal(forfeiture, Assert.IsType<DeadlineBreached>(events[0]).ForfeitureExposure);
        Assert.Equal(forfeiture, after.ForfeitureExposure);
    }

    [Fact]
    public void documents_are_asked_for_and_arrive_with_the_files_uploaded()
    {
        var dispute = Opened();
        var file = Guid.NewGuid();

        var requested = Assert.Single(InvestigationSteps.RequestDocuments(dispute, DocumentSource.Cardmember, "Photo of the parcel", OnMarch10));
        var received = Assert.Single(InvestigationSteps.ReceiveDocuments(dispute, DocumentSource.Cardmember, "Photo of the parcel", OnMarch10, [file]));
        var byAgent = Assert.IsType<DocumentsReceived>(Assert.Single(InvestigationSteps.ReceiveDocuments(dispute, DocumentSource.Merchant, "Paper receipt", OnMarch10)));

        Assert.Equal(new DocumentsRequested(DocumentSource.Cardmember, "Photo of the parcel", OnMarch10), requested);
        Assert.Equal([file], Assert.IsType<DocumentsReceived>(received).FileIds);
        Assert.Null(byAgent.FileIds);
        Assert.Equal("Documents requested from the cardmember: Photo of the parcel", dispute.Evolve(requested).Steps[^1].Summary);
    }

    [Fact]
    public void the_merchant_contact_is_recorded_with_what_was_said()
    {
        var contacted = Assert.Single(InvestigationSteps.ContactMerchant(Opened(), "Asked for proof of delivery", OnMarch10));

        Assert.Equal(new MerchantContacted("Asked for proof of delivery", OnMarch10), contacted);
    }
}
