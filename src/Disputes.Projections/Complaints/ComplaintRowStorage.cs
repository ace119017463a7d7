using Marten.Schema;
using NpgsqlTypes;

namespace Disputes.Projections.Complaints;

/// <summary>
/// The complaint-row table's duplicated columns and its indexes, one per list. Each list is a range or an equality on
/// its index's leading columns, read in the index's order, so a page comes straight off the index.
/// </summary>
internal static class ComplaintRowStorage
{
    /// <summary>
    /// The next breach instant of complaints with a duty undone: "overdue" (up to now) and "at risk" (from now to the
    /// look-ahead) are two ranges of it.
    /// </summary>
    public const string ByNextBreach = "ix_complaintrow_next_breach";

    /// <summary>Open complaints, the first to breach first and those with both duties done last.</summary>
    public const string OpenByNextBreach = "ix_complaintrow_open_next_breach";

    /// <summary>Every complaint, newest receipt first.</summary>
    public const string ByReceipt = "ix_complaintrow_received";

    /// <summary>One account's complaints, newest first: the cardmember's list.</summary>
    public const string ByAccount = "ix_complaintrow_account_received";

    /// <summary>The predicate of <see cref="OpenByNextBreach"/>; a query repeats it word for word, so PostgreSQL uses the index.</summary>
    public const string OpenPredicate = "is_open = true";

    /// <summary>
    /// Duplicates the filtered and sorted members into columns and replaces the one-column index Marten gives each with the
    /// composite ones above.
    /// </summary>
    public static void Configure(DocumentMapping<ComplaintRow> rows)
    {
        rows.Duplicate(r => r.Reference);
        rows.Duplicate(r => r.AccountId);
        rows.Duplicate(r => r.Status, pgType: "varchar(32)");
        rows.Duplicate(r => r.IsOpen, pgType: "boolean", dbType: NpgsqlDbType.Boolean);
        rows.Duplicate(r => r.ReceivedAt, pgType: "timestamp with time zone", dbType: NpgsqlDbType.TimestampTz);
        rows.Duplicate(r => r.NextBreachInstant, pgType: "timestamp with time zone", dbType: NpgsqlDbType.TimestampTz);

        rows.Indexes.Clear();
        Add(rows, ByNextBreach, "next_breach_instant", "reference").Predicate = "next_breach_instant is not null";
        Add(rows, OpenByNextBreach, "next_breach_instant", "reference").Predicate = OpenPredicate;
        Add(rows, ByReceipt, "received_at", "reference");
        Add(rows, ByAccount, "account_id", "received_at");
    }

    private static DocumentIndex Add(DocumentMapping mapping, string name, params string[] columns)
    {
        var index = new DocumentIndex(mapping, columns) { Name = name };
        mapping.Indexes.Add(index);
        return index;
    }
}
