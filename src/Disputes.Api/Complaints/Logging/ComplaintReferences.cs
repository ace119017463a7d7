using NodaTime;
using Npgsql;

namespace Disputes.Api.Complaints.Logging;

/// <summary>
/// Hands out complaint references such as <c>CMP-2025-000123</c> from a PostgreSQL sequence of their own, as
/// <see cref="Disputes.Opening.CaseNumbers"/> does for disputes: unique across every node, never reused; a number drawn
/// by a request that then fails is skipped.
/// </summary>
public sealed class ComplaintReferences(NpgsqlDataSource dataSource)
{
    /// <summary>The sequence, created with the rest of the schema.</summary>
    public const string Sequence = "complaint_reference_seq";

    /// <summary>The next reference, with the year of the complaint's receipt (its local date).</summary>
    public async Task<string> NextAsync(LocalDate receivedOn, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select nextval('{Hosting.DisputesStore.Schema}.{Sequence}')");
        var next = (long)(await command.ExecuteScalarAsync(cancellation))!;
        return $"CMP-{receivedOn.Year:0000}-{next:000000}";
    }
}
