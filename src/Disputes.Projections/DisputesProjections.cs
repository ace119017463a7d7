using Disputes.Domain.Accounts;
using Disputes.Domain.Complaints;
using Disputes.Domain.Disputes;
using Disputes.Projections.Accounts;
using Disputes.Projections.Complaints;
using Disputes.Projections.Compliance;
using Disputes.Projections.Disputes;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using NpgsqlTypes;
using Weasel.Postgresql;

namespace Disputes.Projections;

/// <summary>Registers the service's projections and the read-model columns and indexes its queries rely on.</summary>
public static class DisputesProjections
{
    /// <summary>The names of the asynchronous projections, the ones that can trail the event log.</summary>
    public static IReadOnlyList<string> Asynchronous { get; } = [ComplianceDayProjection.ProjectionName, ClockTallyProjection.ProjectionName];

    /// <summary>
    /// Adds the projections: inline the ones commands and screens read back at once (written in the events' own
    /// transaction, so an answer and the next read agree), asynchronous the portfolio's daily totals and the summary's clock tally.
    /// </summary>
    public static StoreOptions AddDisputesProjections(this StoreOptions options)
    {
        // Weasel maps CLR types to column types; NodaTime's are unknown to it until told (Marten.NodaTime,
        // which would do this, is not available to this project).
        PostgresqlProvider.Instance.RegisterMapping(typeof(LocalDate), "date", NpgsqlDbType.Date);
        PostgresqlProvider.Instance.RegisterMapping(typeof(Instant), "timestamp with time zone", NpgsqlDbType.TimestampTz);

        options.Projections.Add<DisputeProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<AccountProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ClockRowProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ComplaintProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ComplaintRowProjection>(ProjectionLifecycle.Inline);

        // The portfolio's daily totals trail the log: one row per day takes every event of that day, and inline
        // it would serialize all intake behind that row's lock. Wolverine runs it on exactly one node.
        options.Projections.Add<ComplianceDayProjection>(ProjectionLifecycle.Async);

        // The summary's figures, for the same reason: a dozen rows take every status change, and a day's few breach
        // instants every intake. A raw IProjection declares nothing for a rebuild to delete, so its tables are named for
        // teardown here.
        var tally = ClockTally.AddStorage(options);
        options.Projections.Add(new ClockTallyProjection(), ProjectionLifecycle.Async, ClockTallyProjection.ProjectionName,
            async =>
            {
                foreach (var table in tally)
                {
                    async.DeleteDataInTableOnTeardown(table);
                }
            });

        // How often the daemon looks for new events, busy and idle (Marten's defaults: 250 ms and 1 s). The daily
        // totals trail intake by this interval plus the batch's own time, and an event committed while the daemon
        // idles waits out the idle interval: both are kept short (bench `lag`). The cost is one indexed max(seq_id)
        // query per interval on the one node running the projections.
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(50);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(100);

        options.Schema.For<Dispute>()
            .UniqueIndex(d => d.CaseNumber)
            .Duplicate(d => d.AccountId);
        options.Schema.For<Account>();
        options.Schema.For<Complaint>().UniqueIndex(c => c.Reference);

        // ClockRow's and ComplaintRow's columns and indexes: see ClockRowStorage and ComplaintRowStorage, which Marten
        // applies through each row's ConfigureMarten.
        return options;
    }
}
