using System.Text;
using Disputes.Domain.Clocks;
using Marten;
using NodaTime;

namespace Disputes.Projections.Compliance;

/// <summary>
/// The compliance officers' deadline list: clocks filtered by kind, status, due-date range and account,
/// sorted by due date, paged. It reads only the duplicated, indexed columns of <see cref="ClockRow"/>.
/// </summary>
/// <param name="Clock">Only this clock, or both.</param>
/// <param name="Statuses">Only these statuses, or all.</param>
/// <param name="DueAfter">Only clocks due on or after this date.</param>
/// <param name="DueBefore">Only clocks due on or before this date.</param>
/// <param name="AccountId">Only this account's clocks.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record DeadlineListQuery(
    ComplianceClock? Clock,
    IReadOnlyList<ClockStatus> Statuses,
    LocalDate? DueAfter,
    LocalDate? DueBefore,
    string? AccountId,
    int Page,
    int PageSize)
{
    /// <summary>The SQL condition and its parameters (positional <c>?</c> placeholders, Marten style).</summary>
    public (string Where, object[] Parameters) ToSql()
    {
        var where = new StringBuilder("due_on is not null");
        var parameters = new List<object>();
        if (Clock is { } clock)
        {
            where.Append(" and clock = ?");
            parameters.Add(clock.ToString());
        }

        if (Statuses.Count == 1)
        {
            // Equality rather than ANY of one: only then does PostgreSQL know the index is already in list order.
            where.Append(" and status = ?");
            parameters.Add(Statuses[0].ToString());
        }
        else if (Statuses.Count > 1)
        {
            where.Append(" and status = ANY(?)");
            parameters.Add(Statuses.Select(s => s.ToString()).ToArray());
        }

        if (DueAfter is { } after)
        {
            where.Append(" and due_on >= ?");
            parameters.Add(after);
        }

        if (DueBefore is { } before)
        {
            where.Append(" and due_on <= ?");
            parameters.Add(before);
        }

        if (AccountId is { } account)
        {
            where.Append(" and account_id = ?");
            parameters.Add(account);
        }

        return (where.ToString(), [.. parameters]);
    }

    /// <summary>
    /// The statement reading the page from <paramref name="table"/>, its parameters as <c>?</c> in the order of
    /// <see cref="ToSql"/>: in list order, so it can be read straight off an index.
    /// </summary>
    public string PageSql(string table) =>
        $"select data from {table} where {ToSql().Where} order by due_on, case_number, clock limit {PageSize} offset {(Page - 1) * PageSize}";

    /// <summary>The page of rows and the number of rows matching in all.</summary>
    public async Task<(IReadOnlyList<ClockRow> Rows, long Total)> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        var (where, parameters) = ToSql();
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        var rows = await session.QueryAsync<ClockRow>(PageSql(table), cancellation, parameters);
        var total = (await session.QueryAsync<long>($"select count(*) from {table} where {where}", cancellation, parameters))[0];
        return (rows, total);
    }
}
