using Disputes.Domain.Streams;
using Npgsql;

namespace Disputes.Bench.Baseline;

/// <summary>
/// The physical limit of one intake: the same database work as <c>POST /api/disputes</c> with plain Npgsql and no
/// HTTP — read the account and look for the dispute in one batch, draw a case number, then one transaction inserting the stream,
/// its event, the dispute document, both clock rows and the deadline timers (copies of the rows the service wrote). It
/// leaves out the service's one extra statement, which keeps each timer's sweep (a key-share lock on its row), so the
/// baseline is the least any intake must do.
/// </summary>
public sealed class PlainIntakeTransaction(NpgsqlDataSource dataSource, DisputeRowTemplate template, Guid accountStreamId)
{
    /// <summary>
    /// Captures the rows the service wrote for its latest dispute, creates the scratch tables and returns the
    /// transaction that writes copies of them.
    /// </summary>
    /// <param name="dataSource">A plain data source on the scenario's database (no NodaTime mappings).</param>
    /// <param name="connectionString">The scenario's database.</param>
    /// <param name="accountId">A registered account, read at the start of every transaction.</param>
    /// <param name="cancellation">Cancellation.</param>
    public static async Task<PlainIntakeTransaction> PrepareAsync(NpgsqlDataSource dataSource, string connectionString, string accountId,
        CancellationToken cancellation)
    {
        await using var pick = dataSource.CreateCommand("select id from disputes.mt_doc_dispute order by mt_last_modified desc limit 1");
        var disputeId = (Guid)(await pick.ExecuteScalarAsync(cancellation) ?? throw new InvalidOperationException("The service opened no dispute."));
        var template = await DisputeRowTemplate.CaptureAsync(connectionString, disputeId, withTimers: true, cancellation);
        await ScratchTables.CreateAsync(dataSource, [.. ScratchTables.DisputeTables, ScratchTables.TimersTable, ScratchTables.EnvelopeTable], cancellation);
        return new PlainIntakeTransaction(dataSource, template, StreamIds.ForAccount(accountId));
    }

    public Task ExecuteAsync(CancellationToken cancellation) => ExecuteAsync(Guid.NewGuid(), cancellation);

    /// <summary>Runs one intake transaction for a dispute with id <paramref name="disputeId"/>.</summary>
    public async Task ExecuteAsync(Guid disputeId, CancellationToken cancellation)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        // The two reads in one round trip, as the service batches them.
        await using (var reads = new NpgsqlBatch(connection))
        {
            reads.BatchCommands.Add(new NpgsqlBatchCommand("select data from disputes.mt_doc_account where id = $1")
            {
                Parameters = { new NpgsqlParameter { Value = accountStreamId } },
            });
            reads.BatchCommands.Add(new NpgsqlBatchCommand($"select data from {ScratchTables.Schema}.mt_doc_dispute where id = $1")
            {
                Parameters = { new NpgsqlParameter { Value = disputeId } },
            });
            await using var reader = await reads.ExecuteReaderAsync(cancellation);
            if (!await reader.ReadAsync(cancellation))
            {
                throw new InvalidOperationException("The baseline's account is missing.");
            }

            await reader.NextResultAsync(cancellation);
            _ = await reader.ReadAsync(cancellation);
        }

        long caseNumber;
        await using (var next = new NpgsqlCommand($"select nextval('{ScratchTables.CaseNumberSequence}')", connection))
        {
            caseNumber = (long)(await next.ExecuteScalarAsync(cancellation))!;
        }

        await PlainWriter.InsertAsync(connection, template.For(disputeId, $"BSL-2025-{caseNumber:000000}"), cancellation);
    }
}
