using System.Text;
using Disputes.Domain.Clocks;
using Marten;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>
/// The clocks whose written notice is missing or late (rule book section 8), as of <paramref name="Now"/>: every breached
/// clock, and every pending clock whose breach instant has passed before its timer recorded it. A notice sent after the due
/// date leaves its clock breached, and a clock past its due date with nothing sent is breached or about to be, so these rows
/// hold every missing and every late notice; the report judges each with <see cref="Domain.Notices.NoticeTimeliness"/>.
/// Read from the indexed columns of <see cref="ClockRow"/>: the breached rows from an index leading with the status, the
/// overdue pending ones from <see cref="ClockRowStorage.ByStatusAndBreachInstant"/>; only the rows found are sorted.
/// </summary>
/// <param name="Clock">Only this clock, or both.</param>
/// <param name="Now">The instant overdue pending clocks are judged at.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record MissingOrLateNoticesQuery(ComplianceClock? Clock, Instant Now, int Page, int PageSize)
{
    /// <summary>The SQL condition and its parameters (positional <c>?</c> placeholders, Marten style).</summary>
    public (string Where, object[] Parameters) ToSql()
    {
        var where = new StringBuilder("(status = ? or (status = ? and breach_instant <= ?))");
        List<object> parameters = [ClockStatus.Breached.ToString(), ClockStatus.Pending.ToString(), Now];
        if (Clock is { } clock)
        {
            where.Append(" and clock = ?");
            parameters.Add(clock.ToString());
        }

        return (where.ToString(), [.. parameters]);
    }

    /// <summary>The statement reading the page from <paramref name="table"/>, earliest due date first, its parameters as <c>?</c> in the order of <see cref="ToSql"/>.</summary>
    public string PageSql(string table) =>
        $"select data from {table} where {ToSql().Where} order by due_on, case_number, clock limit {PageSize} offset {(Page - 1) * PageSize}";

    /// <summary>The page of rows, earliest due date first, and the number of rows matching in all.</summary>
    public async Task<(IReadOnlyList<ClockRow> Rows, long Total)> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (where, parameters) = ToSql();
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        var rows = await session.QueryAsync<ClockRow>(PageSql(table), cancellation, parameters);
        var total = (await session.QueryAsync<long>($"select count(*) from {table} where {where}", cancellation, parameters))[0];
        return (rows, total);
    }
}
