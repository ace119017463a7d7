using NodaTime;

namespace Disputes.Domain.Disputes.Billing;

/// <summary>
/// The charge of a dispute opened as not yet billed appeared on a statement (rule book section 1): its date makes the
/// filing window known. The clocks stay as intake set them: the notice was taken as timely, and a statement date given
/// later never makes it unprotected.
/// </summary>
public static class RecordStatementDate
{
    /// <summary>The events that recording <paramref name="statementTransmittedOn"/> on <paramref name="dispute"/> at <paramref name="now"/> records.</summary>
    /// <param name="dispute">The dispute; a fact of the statement, so allowed in every status.</param>
    /// <param name="statementTransmittedOn">The date the statement showing the charge was transmitted (or should have been).</param>
    /// <param name="now">When.</param>
    /// <exception cref="DisputeRuleViolation">The statement date is known already.</exception>
    /// <exception cref="DisputeFieldViolation">The statement is dated before the charge, or after today in the dispute's zone.</exception>
    public static IReadOnlyList<object> Decide(Dispute dispute, LocalDate statementTransmittedOn, Instant now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        if (dispute.StatementTransmittedOn is { } known)
        {
            throw new DisputeRuleViolation(DisputeRule.StatementDateKnown,
                $"The statement date is recorded already ({known:yyyy-MM-dd}); it is given once, for a charge not yet billed at intake.");
        }

        var today = now.InZone(dispute.TimeZone).Date;
        if (statementTransmittedOn < dispute.TransactionDate)
        {
            throw new DisputeFieldViolation("statementTransmittedOn", $"must be on or after the transaction date ({dispute.TransactionDate:yyyy-MM-dd}).");
        }

        if (statementTransmittedOn > today)
        {
            throw new DisputeFieldViolation("statementTransmittedOn", $"must not be after today ({today:yyyy-MM-dd} in {dispute.TimeZoneId}): the statement has been transmitted.");
        }

        // Read against the receipt as intake read it, processing zone included, so the window says what intake would have.
        var window = dispute.Receipt.FilingWindowFor(statementTransmittedOn);
        return [.. dispute.BreachesDueBy(now), new StatementDateRecorded(statementTransmittedOn, window, now)];
    }
}
