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
/// <param name="CountUpTo">How many matching rows the total counts at most (<see cref="DefaultCountUpTo"/>).</param>
public sealed record DeadlineListQuery(
    ComplianceClock? Clock,
    IReadOnlyList<ClockStatus> Statuses,
    LocalDate? DueAfter,
    LocalDate? DueBefore,
    string? AccountId,
    int Page,
    int PageSize,
    int CountUpTo = DeadlineListQuery.DefaultCountUpTo)
{
    /// <summary>
    /// How many matching rows the total counts before it stops. Counting is reading every matching index entry: at a
    /// million disputes a broad filter matches a hundred thousand clocks or more, and counting them all costs far more
    /// than reading the page. The exact counts per clock and status are the summary's.
    /// </summary>
    public const int DefaultCountUpTo = 10_000;

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
        $"select data from {table} where {ToSql().Where} order by {ListOrder} limit {PageSize} offset {(Page - 1) * PageSize}";

    /// <summary>
    /// The statement counting the rows of <paramref name="table"/> that match, up to one more than
    /// <see cref="CountUpTo"/>, its parameters as in <see cref="PageSql"/>. Where an index holds the rows in list order,
    /// the count reads them in that order too: without it PostgreSQL may scan the whole table instead, expecting to stop
    /// early because it takes clock and status to be independent and so expects several times the pending
    /// acknowledgments there are.
    /// </summary>
    public string CountSql(string table) =>
        $"select count(*) from (select 1 from {table} where {ToSql().Where}{(IndexHoldsListOrder ? $" order by {ListOrder}" : "")} limit {CountUpTo + 1}) matching";

    private const string ListOrder = "due_on, case_number, clock";

    /// <summary>One status asked for (the clock-and-status and status indexes) or one account (the account's index).</summary>
    private bool IndexHoldsListOrder => Statuses.Count == 1 || AccountId is not null;

    /// <summary>
    /// The page of rows and the number of rows matching, counted up to <see cref="CountUpTo"/>: when more match, the
    /// total is <see cref="CountUpTo"/> and not exact.
    /// </summary>
    public async Task<DeadlineListResult> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        var parameters = ToSql().Parameters;
        var table = session.DocumentStore.Options.Schema.For<ClockRow>();
        var rows = await session.QueryAsync<ClockRow>(PageSql(table), cancellation, parameters);
        var counted = (await session.QueryAsync<long>(CountSql(table), cancellation, parameters))[0];
        return new DeadlineListResult(rows, Math.Min(counted, CountUpTo), counted <= CountUpTo);
    }
}

/// <summary>A page of the deadline list and how many clocks match.</summary>
/// <param name="Rows">The page's rows, in list order.</param>
/// <param name="Total">The clocks matching the filters, counted up to the query's <see cref="DeadlineListQuery.CountUpTo"/>.</param>
/// <param name="TotalIsExact">False when more than <paramref name="Total"/> clocks match.</param>
public sealed record DeadlineListResult(IReadOnlyList<ClockRow> Rows, long Total, bool TotalIsExact);
