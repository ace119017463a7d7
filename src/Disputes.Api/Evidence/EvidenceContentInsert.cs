using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Disputes.Api.Evidence;

/// <summary>
/// Writes an evidence file's bytes into its row in the session's transaction, from a stream: Npgsql copies the stream
/// into the command as it sends it, so the file is never gathered into one array. (Marten's <c>QueueSqlCommand</c>
/// would type a stream parameter as JSON.)
/// </summary>
/// <param name="sql">The insert, with <c>?</c> for the file id, the dispute id and the content, in that order.</param>
/// <param name="fileId">The file's id.</param>
/// <param name="disputeId">Its dispute.</param>
/// <param name="content">The bytes, from the position they start at.</param>
internal sealed class EvidenceContentInsert(string sql, Guid fileId, Guid disputeId, Stream content) : Weasel.Storage.IStorageOperation, Weasel.Storage.NoDataReturnedCall
{
    /// <inheritdoc />
    public Type DocumentType => typeof(EvidenceFile);

    /// <inheritdoc />
    public void ConfigureCommand(Weasel.Core.ICommandBuilder builder, Weasel.Storage.IStorageSession session)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var parameters = builder.AppendWithDbParameters(sql);
        Set(parameters[0], fileId, NpgsqlDbType.Uuid);
        Set(parameters[1], disputeId, NpgsqlDbType.Uuid);
        Set(parameters[2], content, NpgsqlDbType.Bytea);
    }

    /// <inheritdoc />
    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;

    /// <inheritdoc />
    public Weasel.Core.OperationRole Role() => Weasel.Core.OperationRole.Other;

    private static void Set(DbParameter parameter, object value, NpgsqlDbType type)
    {
        ((NpgsqlParameter)parameter).NpgsqlDbType = type;
        parameter.Value = value;
    }
}
