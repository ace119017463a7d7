using Marten;
using NodaTime;

namespace Disputes.Projections.Complaints;

/// <summary>Which complaints a compliance list shows.</summary>
public enum ComplaintList
{
    /// <summary>Open complaints whose next undone deadline breaches within the look-ahead, not yet passed (<c>at_risk</c>).</summary>
    AtRisk,

    /// <summary>Complaints with a deadline passed and its duty still undone, the breach recorded or not yet (<c>overdue</c>).</summary>
    Overdue,

    /// <summary>Every complaint not closed (<c>open</c>), the first to breach first.</summary>
    Open,

    /// <summary>Every complaint (<c>all</c>), newest receipt first.</summary>
    All,
}

/// <summary>
/// A page of a compliance list of complaints, read from the duplicated, indexed columns of <see cref="ComplaintRow"/>:
/// the same definitions as <see cref="Domain.Complaints.Complaint.IsAtRiskAt"/> and
/// <see cref="Domain.Complaints.Complaint.IsOverdueAt"/>, on the stored next breach instant.
/// </summary>
/// <param name="List">Which list.</param>
/// <param name="Now">The instant "overdue" and "at risk" are judged at.</param>
/// <param name="Within">How far ahead "at risk" looks.</param>
/// <param name="Page">1-based page number.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record ComplaintListQuery(ComplaintList List, Instant Now, Duration Within, int Page, int PageSize)
{
    /// <summary>The SQL condition, its order and its parameters (positional <c>?</c>, Marten style).</summary>
    public (string Where, string OrderBy, object[] Parameters) ToSql() => List switch
    {
        ComplaintList.AtRisk => ("next_breach_instant > ? and next_breach_instant < ?", "next_breach_instant, reference", [Now, Now + Within]),
        ComplaintList.Overdue => ("next_breach_instant <= ?", "next_breach_instant, reference", [Now]),
        ComplaintList.Open => (ComplaintRowStorage.OpenPredicate, "next_breach_instant, reference", []),
        _ => ("true", "received_at desc, reference desc", []),
    };

    /// <summary>
    /// The statement reading the page from <paramref name="table"/>, its parameters as <c>?</c> in the order of
    /// <see cref="ToSql"/>: in the order of the list's index, so it is read straight off it.
    /// </summary>
    public string PageSql(string table)
    {
        var (where, orderBy, _) = ToSql();
        return $"select data from {table} where {where} order by {orderBy} limit {PageSize} offset {(Page - 1) * PageSize}";
    }

    /// <summary>The page of rows and the number of rows on the list in all.</summary>
    public async Task<(IReadOnlyList<ComplaintRow> Rows, long Total)> RunAsync(IQuerySession session, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var (where, _, parameters) = ToSql();
        var table = session.DocumentStore.Options.Schema.For<ComplaintRow>();
        var rows = await session.QueryAsync<ComplaintRow>(PageSql(table), cancellation, parameters);
        var total = (await session.QueryAsync<long>($"select count(*) from {table} where {where}", cancellation, parameters))[0];
        return (rows, total);
    }
}
