using Disputes.Api.Hosting;
using Marten;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Disputes.Api.Evidence;

/// <summary>
/// Where evidence is kept: each file's facts as an <see cref="EvidenceFile"/> document, its bytes in a <c>bytea</c>
/// column of <see cref="ContentTable"/>, both written in the upload's own transaction (with its
/// <c>documents_received</c> event), so a file is stored and recorded on the dispute, or neither.
/// </summary>
public static class EvidenceFiles
{
    /// <summary>The table of the files' bytes.</summary>
    public const string ContentTable = "evidence_file_content";

    /// <summary>The most files one dispute keeps.</summary>
    public const int MaxPerDispute = 20;

    /// <summary>The largest file accepted, in bytes (10 MB).</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Registers the documents and the content table.</summary>
    public static StoreOptions AddEvidenceStorage(this StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Schema.For<EvidenceFile>().Duplicate(file => file.DisputeId);
        options.Schema.For<UploadLink>().Duplicate(link => link.DisputeId).UniqueIndex(link => link.TokenSha256);
        var content = new Table(new PostgresqlObjectName(DisputesStore.Schema, ContentTable, SchemaUtils.IdentifierUsage.General));
        content.AddColumn<Guid>("file_id").AsPrimaryKey();
        content.AddColumn<Guid>("dispute_id").NotNull();
        content.AddColumn("content", "bytea").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(content);
        return options;
    }

    /// <summary>
    /// Adds <paramref name="file"/> and its <paramref name="content"/> to the session, to be written when it commits: the
    /// bytes go from the stream into the row as the command is sent, never gathered into one array here.
    /// </summary>
    public static void Keep(IDocumentSession session, EvidenceFile file, Stream content)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(file);
        session.Insert(file);
        session.QueueOperation(new EvidenceContentInsert(
            $"insert into {DisputesStore.Schema}.{ContentTable} (file_id, dispute_id, content) values (?, ?, ?)", file.Id, file.DisputeId, content));
    }

    /// <summary>The files of dispute <paramref name="disputeId"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<EvidenceFile>> ForDisputeAsync(IQuerySession session, Guid disputeId, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var files = await session.Query<EvidenceFile>().Where(f => f.DisputeId == disputeId).ToListAsync(cancellation).ConfigureAwait(false);
        return [.. files.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id)];
    }

    /// <summary>
    /// Writes the bytes of file <paramref name="fileId"/> to <paramref name="destination"/> as PostgreSQL sends them,
    /// never holding the whole file in memory.
    /// </summary>
    public static async Task CopyContentAsync(NpgsqlDataSource dataSource, Guid fileId, Stream destination, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand($"select content from {DisputesStore.Schema}.{ContentTable} where file_id = $1");
        command.Parameters.AddWithValue(fileId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellation).ConfigureAwait(false);
        if (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            await using var content = await reader.GetStreamAsync(0, cancellation).ConfigureAwait(false);
            await content.CopyToAsync(destination, cancellation).ConfigureAwait(false);
        }
    }
}
