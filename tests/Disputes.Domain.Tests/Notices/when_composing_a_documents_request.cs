using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using NodaTime;
using Xunit;

namespace Disputes.Domain.Tests.Notices;

/// <summary>Rule book section 8: a request for documents says what is asked, from whom, by when and how to send it.</summary>
public class when_composing_a_documents_request
{
    private static DocumentsRequest Receipt(LocalDate by, DocumentSource from = DocumentSource.Cardmember) =>
        new(" the receipt for the return ", from, by, "Upload them in the secure message centre.");

    [Fact]
    public void it_gives_what_is_asked_from_whom_by_when_and_how_to_send_it()
    {
        var notice = DocumentsRequestNotice.For(Letters.Open(), Letters.Issuer, Letters.On(3, 10), Receipt(new LocalDate(2025, 4, 10)));

        Assert.Equal(NoticeKind.DocumentsRequest, notice.Kind);
        Assert.Equal("the receipt for the return", notice.Documents);
        Assert.Equal(DocumentSource.Cardmember, notice.From);
        Assert.Equal(new LocalDate(2025, 4, 10), notice.RespondBy);
        Assert.Equal("Upload them in the secure message centre.", notice.HowToSend);
        Assert.Equal(new LocalDate(2025, 5, 15), notice.ResolutionDueOn);
    }

    [Fact]
    public void the_answer_is_due_after_the_day_it_is_sent_and_no_later_than_the_resolution()
    {
        var dispute = Letters.Open();

        var today = Assert.Throws<DisputeFieldViolation>(() => DocumentsRequestNotice.For(dispute, Letters.Issuer, Letters.On(3, 10), Receipt(new LocalDate(2025, 3, 10))));
        var afterResolution = Assert.Throws<DisputeFieldViolation>(() => DocumentsRequestNotice.For(dispute, Letters.Issuer, Letters.On(3, 10), Receipt(new LocalDate(2025, 5, 16))));
        var lastDay = DocumentsRequestNotice.For(dispute, Letters.Issuer, Letters.On(3, 10), Receipt(new LocalDate(2025, 5, 15)));

        Assert.Equal("respondBy", today.Field);
        Assert.Contains("2025-03-10", today.Message);
        Assert.Equal("respondBy", afterResolution.Field);
        Assert.Contains("2025-05-15", afterResolution.Message);
        Assert.Equal(new LocalDate(2025, 5, 15), lastDay.RespondBy);
    }

    [Fact]
    public void after_a_missed_resolution_deadline_documents_may_still_be_asked_for_but_no_date_is_promised()
    {
        // Resolution due 05-15; on 05-20 the investigation goes on (with the forfeiture).
        var notice = DocumentsRequestNotice.For(Letters.Open(), Letters.Issuer, Letters.On(5, 20), Receipt(new LocalDate(2025, 6, 5)));

        Assert.Null(notice.ResolutionDueOn);
        Assert.Equal(new LocalDate(2025, 6, 5), notice.RespondBy);
    }

    [Theory]
    [InlineData("", "by mail", "documents")]
    [InlineData("the receipt", " ", "howToSend")]
    public void what_is_asked_and_how_to_send_it_are_required(string documents, string how, string field)
    {
        var request = new DocumentsRequest(documents, DocumentSource.Merchant, new LocalDate(2025, 4, 10), how);

        Assert.Equal(field, Assert.Throws<DisputeFieldViolation>(() => DocumentsRequestNotice.For(Letters.Open(), Letters.Issuer, Letters.On(3, 10), request)).Field);
    }

    [Fact]
    public void a_resolved_dispute_asks_for_no_documents()
    {
        var resolved = Letters.Open().Corrected(Letters.On(3, 20));

        Assert.Throws<DisputeRuleViolation>(() => DocumentsRequestNotice.For(resolved, Letters.Issuer, Letters.On(3, 21), Receipt(new LocalDate(2025, 4, 10))));
    }
}
