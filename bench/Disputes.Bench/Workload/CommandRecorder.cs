using Marten;
using Marten.Services;
using Npgsql;

namespace Disputes.Bench.Workload;

/// <summary>
/// A Marten session logger that keeps the SQL (text and parameters) a session sends, so the baseline can send
/// exactly the same statements with plain Npgsql, and EXPLAIN them.
/// </summary>
public sealed class CommandRecorder : IMartenSessionLogger
{
    private readonly List<RecordedCommand> _commands = [];

    public IReadOnlyList<RecordedCommand> Commands => _commands;

    public void LogSuccess(NpgsqlCommand command) => _commands.Add(RecordedCommand.Of(command.CommandText, command.Parameters));

    public void LogSuccess(NpgsqlBatch batch) =>
        _commands.AddRange(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => RecordedCommand.Of(c.CommandText, c.Parameters)));

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
    }

    public void LogFailure(Exception ex, string message)
    {
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }
}

/// <summary>One SQL statement as Marten sent it.</summary>
/// <param name="Sql">The command text.</param>
/// <param name="Parameters">Copies of its parameters.</param>
public sealed record RecordedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public static RecordedCommand Of(string sql, NpgsqlParameterCollection parameters) =>
        new(sql, parameters.Select(p => p.Clone()).ToList());

    /// <summary>A new command with this text (after <paramref name="prefix"/>) and copies of the parameters.</summary>
    public NpgsqlCommand ToCommand(NpgsqlConnection connection, string prefix = "")
    {
        var command = new NpgsqlCommand(prefix + Sql, connection);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }
}
