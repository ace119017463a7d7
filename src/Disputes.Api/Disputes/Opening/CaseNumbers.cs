using NodaTime;
using Npgsql;

namespace Disputes.Api.Disputes.Opening;

/// <summary>
/// Hands out case numbers such as <c>DSP-2025-000042</c> from a PostgreSQL sequence: unique across every
/// node, never reused. A number drawn by a request that then fails is skipped, not handed out again.
/// </summary>
public sealed class CaseNumbers(NpgsqlDataSource dataSource)
{
    /// <summary>The sequence, created with the rest of the schema.</summary>
    public const string Sequence = "case_number_seq";

    /// <summary>The next case number, with the year of the notice's receipt.</summary>
    public async Task<string> NextAsync(LocalDate receivedOn, CancellationToken cancellation)
    {
        await using var command = dataSource.CreateCommand($"select nextval('{Hosting.DisputesStore.Schema}.{Sequence}')");
        var next = (long)(await command.ExecuteScalarAsync(cancellation))!;
        return $"DSP-{receivedOn.Year:0000}-{next:000000}";
    }
}
