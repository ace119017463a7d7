using NodaTime;

namespace Disputes.Domain.Disputes.Investigating;

/// <summary>
/// The steps of the investigation between acknowledgment and resolution: provisional credit, documents,
/// merchant contact, finance charges and notes. None of them moves a clock (comment 13(c)-1).
/// </summary>
public static class InvestigationSteps
{
    /// <summary>Posting a provisional credit.</summary>
    public static IReadOnlyList<object> IssueProvisionalCredit(Dispute dispute, decimal amount, Instant now)
    {
        dispute.EnsureActive("issue a provisional credit");
        var room = dispute.Amount + dispute.FinanceCharges - dispute.ProvisionalCredit;
        if (amount > room)
        {
            throw new DisputeRuleViolation(DisputeRule.CreditExceedsDisputed, FormattableString.Invariant(
                $"A provisional credit of {amount:0.00} would exceed the disputed amount and related charges still uncredited ({room:0.00})."));
        }

        return [.. dispute.BreachesDueBy(now), new ProvisionalCreditIssued(amount, now)];
    }

    /// <summary>Asking the cardmember or the merchant for documents.</summary>
    public static IReadOnlyList<object> RequestDocuments(Dispute dispute, DocumentSource from, string documents, Instant now)
    {
        dispute.EnsureActive("request documents");
        return [.. dispute.BreachesDueBy(now), new DocumentsRequested(from, documents, now)];
    }

    /// <summary>Recording documents that arrived; <paramref name="fileIds"/> names the stored files, when they were uploaded.</summary>
    public static IReadOnlyList<object> ReceiveDocuments(Dispute dispute, DocumentSource from, string documents, Instant now, IReadOnlyList<Guid>? fileIds = null)
    {
        dispute.EnsureActive("record documents");
        return [.. dispute.BreachesDueBy(now), new DocumentsReceived(from, documents, now, fileIds)];
    }

    /// <summary>Recording contact with the merchant.</summary>
    public static IReadOnlyList<object> ContactMerchant(Dispute dispute, string summary, Instant now)
    {
        dispute.EnsureActive("contact the merchant");
        return [.. dispute.BreachesDueBy(now), new MerchantContacted(summary, now)];
    }

    /// <summary>Recording finance charges related to the disputed amount; they raise forfeiture exposure up to the cap.</summary>
    public static IReadOnlyList<object> RecordFinanceCharges(Dispute dispute, decimal amount, Instant now)
    {
        dispute.EnsureActive("record finance charges");
        return [.. dispute.BreachesDueBy(now), new FinanceChargesRecorded(amount, now)];
    }

    /// <summary>Adding an internal note; allowed in every state, since audits annotate closed disputes too.</summary>
    public static IReadOnlyList<object> AddNote(Dispute dispute, string text, Instant now) =>
        [.. dispute.BreachesDueBy(now), new NoteAdded(text, now)];
}
