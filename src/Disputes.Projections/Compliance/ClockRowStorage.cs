using Marten.Schema;
using NpgsqlTypes;

namespace Disputes.Projections.Compliance;

/// <summary>
/// The clock-row table's duplicated columns and its indexes, one per query shape of the compliance screens. Each
/// leads with the equality filters and continues in the list's sort order (due date, case number, clock), or carries
/// the columns its query needs, so a page is read straight off the index and a count is an index-only scan.
/// </summary>
internal static class ClockRowStorage
{
    /// <summary>Clock and status, then the list order: "pending acknowledgments", "resolutions due in 14 days".</summary>
    public const string ByClockAndStatus = "ix_clockrow_clock_status_due";

    /// <summary>Status, then the list order: "every pending clock", "breached in the last 30 days", the summary.</summary>
    public const string ByStatus = "ix_clockrow_status_due";

    /// <summary>Status and breach instant: the notices missing or late, clocks due within a window.</summary>
    public const string ByStatusAndBreachInstant = "ix_clockrow_status_breach_instant";

    /// <summary>One account's clocks in due order.</summary>
    public const string ByAccount = "ix_clockrow_account_due";

    /// <summary>The dispute's own rows, read when its clocks change.</summary>
    public const string ByDispute = "ix_clockrow_dispute";

    /// <summary>When clocks were breached (only breached rows are in it): the breach report.</summary>
    public const string ByBreachedAt = "ix_clockrow_breached_at";

    /// <summary>
    /// Status and dispute, with the exposure: the summary's total exposure takes one row per breached dispute
    /// from it in dispute order, without reading or sorting the table.
    /// </summary>
    public const string ByStatusAndDispute = "ix_clockrow_status_dispute";

    /// <summary>
    /// Duplicates the filtered and sorted members into columns, so the compliance queries read plain columns
    /// rather than jsonb, and replaces the one-column index Marten gives each duplicated column with the
    /// composite indexes above: one-column indexes on clock or status could not serve a sorted page, and every
    /// index costs every insert.
    /// </summary>
    public static void Configure(DocumentMapping<ClockRow> clockRows)
    {
        clockRows.Duplicate(r => r.DisputeId);
        clockRows.Duplicate(r => r.AccountId);
        clockRows.Duplicate(r => r.Clock, pgType: "varchar(32)");
        clockRows.Duplicate(r => r.Status, pgType: "varchar(32)");
        clockRows.Duplicate(r => r.DueOn, pgType: "date", dbType: NpgsqlDbType.Date);
        clockRows.Duplicate(r => r.CaseNumber);
        clockRows.Duplicate(r => r.BreachInstant, pgType: "timestamp with time zone", dbType: NpgsqlDbType.TimestampTz);
        clockRows.Duplicate(r => r.BreachedAt, pgType: "timestamp with time zone", dbType: NpgsqlDbType.TimestampTz);
        clockRows.Duplicate(r => r.ForfeitureExposure, pgType: "numeric", dbType: NpgsqlDbType.Numeric);

        clockRows.Indexes.Clear();
        Add(clockRows, ByClockAndStatus, "clock", "status", "due_on", "case_number");
        Add(clockRows, ByStatus, "status", "due_on", "case_number", "clock");
        Add(clockRows, ByStatusAndBreachInstant, "status", "breach_instant");
        Add(clockRows, ByAccount, "account_id", "due_on", "case_number");
        Add(clockRows, ByDispute, "dispute_id");
        Add(clockRows, ByBreachedAt, "breached_at").Predicate = "breached_at is not null";
        Add(clockRows, ByStatusAndDispute, "status", "dispute_id").IncludeColumns = ["forfeiture_exposure"];
    }

    private static DocumentIndex Add(DocumentMapping mapping, string name, params string[] columns)
    {
        var index = new DocumentIndex(mapping, columns) { Name = name };
        mapping.Indexes.Add(index);
        return index;
    }
}
