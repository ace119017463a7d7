namespace Disputes.Domain.Disputes;

/// <summary>A step an agent (or, for <see cref="Reopen"/>, a supervisor) can take on a dispute.</summary>
public enum DisputeAction
{
    /// <summary>Send the written acknowledgment (1026.13(c)(1)).</summary>
    Acknowledge,

    /// <summary>Post a provisional credit.</summary>
    IssueProvisionalCredit,

    /// <summary>Ask the cardmember or the merchant for documents.</summary>
    RequestDocuments,

    /// <summary>Record documents that arrived.</summary>
    ReceiveDocuments,

    /// <summary>Record contact with the merchant.</summary>
    ContactMerchant,

    /// <summary>Hand the dispute to a supervisor or a team.</summary>
    Escalate,

    /// <summary>Record related finance charges.</summary>
    RecordFinanceCharges,

    /// <summary>Resolve it with a correction or an explanation.</summary>
    Resolve,

    /// <summary>Approve the proposed resolution (a supervisor other than the proposer).</summary>
    ApproveResolution,

    /// <summary>Return the proposed resolution to the agent with a reason (a supervisor other than the proposer).</summary>
    RejectResolution,

    /// <summary>Record the cardmember's withdrawal.</summary>
    Withdraw,

    /// <summary>Add an internal note; open in every state.</summary>
    AddNote,

    /// <summary>Reopen a resolved dispute as a reassertion (1026.13(h)).</summary>
    Reopen,

    /// <summary>Record a report of 1026.13(g)(4) to the parties named, which issues the notice of reporting; after a reassertion within the payment period.</summary>
    RecordReporting,

    /// <summary>Record the date of the statement that first shows a charge not yet billed at intake; once, in every state.</summary>
    RecordStatementDate,
}

/// <summary>Which steps the dispute's state allows: the same guards the decisions apply, so a listed step is not refused for the state.</summary>
public static class DisputeActions
{
    private static readonly DisputeAction[] WhileActive =
    [
        DisputeAction.IssueProvisionalCredit, DisputeAction.RequestDocuments, DisputeAction.ReceiveDocuments,
        DisputeAction.ContactMerchant, DisputeAction.Escalate, DisputeAction.RecordFinanceCharges, DisputeAction.Resolve,
        DisputeAction.Withdraw,
    ];

    /// <summary>
    /// The steps <paramref name="dispute"/> allows now, in the order a console offers them. A step can still be refused for
    /// what it carries (a credit larger than the amount disputed, an escalation to where it already is).
    /// </summary>
    public static IReadOnlyList<DisputeAction> AllowedFor(Dispute dispute) =>
    [
        .. ByStatus(dispute),
        .. dispute.NotYetBilled ? [DisputeAction.RecordStatementDate] : Array.Empty<DisputeAction>(),
        .. Reporting.RecordReporting.IsDue(dispute) ? [DisputeAction.RecordReporting] : Array.Empty<DisputeAction>(),
    ];

    private static IReadOnlyList<DisputeAction> ByStatus(Dispute dispute)
    {
        if (!dispute.IsActive)
        {
            return dispute.Status == DisputeStatus.Resolved && dispute.ResolutionLetterQueued is null
                ? [DisputeAction.AddNote, DisputeAction.Reopen]
                : [DisputeAction.AddNote];
        }

        // An acknowledgment waiting in the print queue is not offered again: a second letter would be refused.
        var acknowledge = dispute.AcknowledgedAt is null && !dispute.QueuedForPost.Any(q => q.Kind == Notices.NoticeKind.Acknowledgment);
        return
        [
            .. acknowledge ? [DisputeAction.Acknowledge] : Array.Empty<DisputeAction>(),
            .. WhileActive,
            .. dispute.PendingProposal is null ? [] : new[] { DisputeAction.ApproveResolution, DisputeAction.RejectResolution },
            DisputeAction.AddNote,
        ];
    }
}
