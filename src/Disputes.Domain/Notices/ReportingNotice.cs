using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Notices;

/// <summary>A party an amount still in dispute was reported to (a consumer reporting agency, say), as the letter names it.</summary>
/// <param name="Name">The party's name; not blank.</param>
/// <param name="Address">The party's address, one line per entry; at least one line, none blank.</param>
public sealed record ReportedParty(string Name, IReadOnlyList<string> Address);

/// <summary>Which of the two letters of 1026.13(g)(4) a <see cref="ReportingNotice"/> is.</summary>
public enum ReportingStage
{
    /// <summary>The amount still in dispute was reported as delinquent, and as in dispute, to the parties named.</summary>
    Reported,

    /// <summary>The reported amount is no longer in dispute, and the parties it was reported to were told so.</summary>
    ResolutionReported,
}

/// <summary>
/// The notice of reporting of 1026.13(g)(4) (rule book sections 5 and 8): after an explanation with money owed, the
/// cardmember disputed the amount again within the payment period, so the issuer may report it as delinquent only while
/// reporting that it is in dispute, must give the name and address of each party it reported to, and must report the
/// later resolution to them (<see cref="ReportingStage.ResolutionReported"/>).
/// </summary>
public sealed record ReportingNotice : NoticeContent
{
    private ReportingNotice(Dispute dispute, NoticeIssuer issuer, Instant sentAt, ReportingStage stage, decimal amount, LocalDate reportedOn, IReadOnlyList<ReportedParty> parties)
        : base(dispute, issuer, sentAt)
    {
        Stage = stage;
        AmountReported = amount;
        ReportedOn = reportedOn;
        Parties = parties;
    }

    /// <inheritdoc />
    public override NoticeKind Kind => NoticeKind.Reporting;

    /// <summary>Which letter this is: the report, or the report of its resolution.</summary>
    public ReportingStage Stage { get; init; }

    /// <summary>The amount reported: what the explanation said is still owed (for the resolution's report, the amount reported before).</summary>
    public decimal AmountReported { get; init; }

    /// <summary>The date the report (or the report of its resolution) was made, in the dispute's time zone.</summary>
    public LocalDate ReportedOn { get; init; }

    /// <summary>Each party reported to, with its address, in the order given.</summary>
    public IReadOnlyList<ReportedParty> Parties { get; init; }

    /// <summary>The fields of the reporting inputs as the API names them, for the refusals.</summary>
    public static class Fields
    {
        /// <summary>The parties reported to.</summary>
        public const string Parties = "parties";

        /// <summary>The date of the report.</summary>
        public const string ReportedOn = "reportedOn";
    }

    /// <summary>Composes the notice of reporting about <paramref name="dispute"/>, sent at <paramref name="sentAt"/>.</summary>
    /// <param name="dispute">The dispute, resolved (or reopened after its resolution) with an amount still owed.</param>
    /// <param name="issuer">The issuer the letter is from.</param>
    /// <param name="sentAt">When the notice is sent.</param>
    /// <param name="stage">The report, or the report of its resolution.</param>
    /// <param name="parties">Each party reported to; at least one.</param>
    /// <param name="reportedOn">When the report was made, in the dispute's time zone; not after the day the notice is sent.</param>
    /// <returns>The notice's facts.</returns>
    /// <exception cref="DisputeRuleViolation">The dispute is withdrawn, not resolved, or its resolution left nothing owed (there is nothing to report).</exception>
    /// <exception cref="DisputeFieldViolation">No party, a party without a name or address (<c>parties</c>), or a report dated after the notice (<c>reportedOn</c>).</exception>
    public static ReportingNotice For(Dispute dispute, NoticeIssuer issuer, Instant sentAt, ReportingStage stage, IReadOnlyList<ReportedParty> parties, LocalDate reportedOn)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        ArgumentNullException.ThrowIfNull(parties);
        var resolution = NoticeRules.ResolutionOf(dispute, "a notice of reporting");
        // The resolution's report is about the amount reported before, which a later correction leaves nothing of.
        var amount = stage == ReportingStage.ResolutionReported
            ? dispute.Reports.LastOrDefault(r => r.Stage == ReportingStage.Reported)?.Amount ?? resolution.AmountOwed
            : resolution.AmountOwed;
        if (amount is not > 0m)
        {
            throw new DisputeRuleViolation(DisputeRule.NoticeLacksFacts, "Cannot issue a notice of reporting: the resolution left nothing owed, so there is no amount in dispute to report.");
        }

        if (parties.Count == 0)
        {
            throw new DisputeFieldViolation(Fields.Parties, "must name at least one party: the notice names each party the amount was reported to (1026.13(g)(4)).");
        }

        var named = parties
            .Select(party => party is null || string.IsNullOrWhiteSpace(party.Name) || party.Address is null || party.Address.Count == 0 || party.Address.Any(string.IsNullOrWhiteSpace)
                ? throw new DisputeFieldViolation(Fields.Parties, "must give each party's name and address, with no blank line (1026.13(g)(4)).")
                : new ReportedParty(party.Name.Trim(), [.. party.Address.Select(line => line.Trim())]))
            .ToList();

        var sentOn = sentAt.InZone(dispute.TimeZone).Date;
        if (reportedOn > sentOn)
        {
            throw new DisputeFieldViolation(Fields.ReportedOn, $"must be on or before {sentOn:yyyy-MM-dd}, the day the notice is sent: it tells of a report already made.");
        }

        return new ReportingNotice(dispute, issuer, sentAt, stage, amount.Value, reportedOn, named);
    }
}
