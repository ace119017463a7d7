using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>Rule book sections 5 and 8: the notice of reporting of 1026.13(g)(4) names each party reported to, with its address.</summary>
public class when_composing_a_notice_of_reporting
{
    private static readonly LocalDate Due = new(2025, 4, 20);
    private static readonly ReportedParty Agency = new(" Example Credit Bureau ", ["PO Box 1000", "Atlanta, GA 30301"]);

    [Fact]
    public void it_names_each_party_and_the_amount_reported()
    {
        var dispute = Letters.Open().ExplainedWithMoneyOwed(Letters.On(3, 20), Due);

        var notice = ReportingNotice.For(dispute, Letters.Issuer, Letters.On(4, 25), ReportingStage.Reported, [Agency], new LocalDate(2025, 4, 24));

        Assert.Equal(NoticeKind.Reporting, notice.Kind);
        Assert.Equal(ReportingStage.Reported, notice.Stage);
        Assert.Equal(127.43m, notice.AmountReported);
        Assert.Equal(new LocalDate(2025, 4, 24), notice.ReportedOn);
        var party = Assert.Single(notice.Parties);
        Assert.Equal("Example Credit Bureau", party.Name);
        Assert.Equal(["PO Box 1000", "Atlanta, GA 30301"], party.Address);
    }

    [Fact]
    public void there_is_nothing_to_report_when_nothing_is_owed_or_the_dispute_is_not_resolved()
    {
        var corrected = Letters.Open().Corrected(Letters.On(3, 20));

        Assert.Throws<DisputeRuleViolation>(() => ReportingNotice.For(corrected, Letters.Issuer, Letters.On(4, 25), ReportingStage.Reported, [Agency], new LocalDate(2025, 4, 24)));
        Assert.Throws<DisputeRuleViolation>(() => ReportingNotice.For(Letters.Open(), Letters.Issuer, Letters.On(4, 25), ReportingStage.Reported, [Agency], new LocalDate(2025, 4, 24)));
    }

    [Fact]
    public void each_party_needs_a_name_and_an_address_and_the_report_is_not_dated_after_the_notice()
    {
        var dispute = Letters.Open().ExplainedWithMoneyOwed(Letters.On(3, 20), Due);

        Assert.Equal("parties", Assert.Throws<DisputeFieldViolation>(() => ReportingNotice.For(dispute, Letters.Issuer, Letters.On(4, 25), ReportingStage.Reported, [], new LocalDate(2025, 4, 24))).Field);
        Assert.Equal("parties", Assert.Throws<DisputeFieldViolation>(() => ReportingNotice.For(dispute, Letters.Issuer, Letters.On(4, 25), ReportingStage.Reported, [new ReportedParty("Bureau", [])], new LocalDate(2025, 4, 24))).Field);
        Assert.Equal("reportedOn", Assert.Throws<DisputeFieldViolation>(() => ReportingNotice.For(dispute, Letters.Issuer, Letters.On(4, 25), ReportingStage.Reported, [Agency], new LocalDate(2025, 4, 26))).Field);
    }
}
