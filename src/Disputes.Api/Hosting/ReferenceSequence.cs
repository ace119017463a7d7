using System.Collections.Concurrent;
using NodaTime;
using Npgsql;

namespace Disputes.Api.Hosting;

/// <summary>
/// Hands out the numbers of a human-readable reference (<c>DSP-2025-000042</c>, <c>CMP-2025-000123</c>) from a PostgreSQL
/// sequence: unique across every node, never reused. Each node draws <see cref="BlockSize"/> numbers in one round trip
/// and hands them out in order, so most requests take their number without asking the database. A number drawn by a
/// request that then fails, or still unused when the node stops, is skipped, not handed out again; numbers from
/// different nodes interleave, so a reference says nothing about the order in which disputes were opened.
/// </summary>
/// <param name="dataSource">The service's database.</param>
/// <param name="sequence">The sequence's name in <see cref="DisputesStore.Schema"/>, created with the rest of the schema.</param>
/// <param name="prefix">The reference's prefix, e.g. <c>DSP</c>.</param>
public abstract class ReferenceSequence(NpgsqlDataSource dataSource, string sequence, string prefix)
{
    /// <summary>How many numbers one draw takes from the sequence.</summary>
    public const int BlockSize = 32;

    private readonly ConcurrentQueue<long> drawn = new();
    private readonly Lock gate = new();
    private Task? draw;

    /// <summary>The next reference, with the year of <paramref name="receivedOn"/> (the receipt's local date).</summary>
    public async Task<string> NextAsync(LocalDate receivedOn, CancellationToken cancellation)
    {
        long next;
        while (!drawn.TryDequeue(out next))
        {
            await CurrentDraw().WaitAsync(cancellation);
        }

        return $"{prefix}-{receivedOn.Year:0000}-{next:000000}";
    }

    // Every request that finds the block empty waits for the same draw and shares its outcome: when the database stops
    // answering, they all fail with the one draw (503) instead of each drawing again in turn after it, each waiting
    // out a timeout of its own.
    private Task CurrentDraw()
    {
        lock (gate)
        {
            if (draw is null || draw.IsCompleted)
            {
                draw = drawn.IsEmpty ? Task.Run(DrawAsync) : Task.CompletedTask;
            }

            return draw;
        }
    }

    // Not cancelled with the request that started it: others wait for it too. The command timeout bounds it.
    private async Task DrawAsync()
    {
        await using var command = dataSource.CreateCommand(
            $"select nextval('{DisputesStore.Schema}.{sequence}') from generate_series(1, {BlockSize}) order by 1");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            drawn.Enqueue(reader.GetInt64(0));
        }
    }
}
