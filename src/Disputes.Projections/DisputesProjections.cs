using Disputes.Domain.Accounts;
using Disputes.Domain.Disputes;
using Disputes.Projections.Accounts;
using Disputes.Projections.Compliance;
using Disputes.Projections.Disputes;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Disputes.Projections;

/// <summary>Registers the service's projections and the read-model columns and indexes its queries rely on.</summary>
public static class DisputesProjections
{
    /// <summary>
    /// Adds every projection as inline (written in the events' own transaction, so an answer and the next
    /// read agree) and the duplicated columns and indexes of the compliance queries.
    /// </summary>
    public static StoreOptions AddDisputesProjections(this StoreOptions options)
    {
        options.Projections.Add<DisputeProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<AccountProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ClockRowProjection>(ProjectionLifecycle.Inline);

        options.Schema.For<Dispute>()
            .UniqueIndex(d => d.CaseNumber)
            .Duplicate(d => d.AccountId);
        options.Schema.For<Account>();

        options.Schema.For<ClockRow>()
            .Duplicate(r => r.DisputeId)
            .Duplicate(r => r.AccountId, configure: index => index.Columns = ["account_id", "due_on"])
            .Duplicate(r => r.Clock, pgType: "varchar(32)", configure: index => index.Columns = ["clock", "status", "due_on"])
            .Duplicate(r => r.Status, pgType: "varchar(32)", configure: index => index.Columns = ["status", "breach_instant"])
            .Duplicate(r => r.DueOn, pgType: "date", configure: index => index.Columns = ["due_on", "case_number"])
            .Duplicate(r => r.CaseNumber)
            .Duplicate(r => r.BreachInstant, pgType: "timestamp with time zone")
            .Duplicate(r => r.BreachedAt, pgType: "timestamp with time zone", configure: index => index.Predicate = "breached_at is not null")
            .Duplicate(r => r.ForfeitureExposure, pgType: "numeric");
        return options;
    }
}
