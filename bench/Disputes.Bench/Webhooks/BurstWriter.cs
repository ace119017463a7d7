using System.Diagnostics;
using System.Globalization;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Workload;
using Disputes.Domain.BusinessDays;
using Disputes.Domain.Disputes;
using Disputes.Domain.Holds;
using NodaTime;

namespace Disputes.Bench.Webhooks;

/// <summary>
/// The webhooks burst's writer in a process of its own (<c>Disputes.Bench burst-writer DISPUTES NUMBERED_AFTER ACCOUNT ZONE CLOSING_DAY</c>,
/// the connection string in the environment): it opens the service's Marten store (<see cref="BenchStore"/>) and writes
/// the disputes as intake writes them, each <c>dispute_opened</c> with its <c>hold_placed</c>, in transactions of
/// <see cref="DisputesPerTransaction"/>. The service delivers their webhooks from the log as it would any other's; the
/// sessions of 500 disputes are the benchmark's load, so their memory and CPU stay out of the service's process.
/// </summary>
public static class BurstWriter
{
    /// <summary>The command word that runs this process as the writer.</summary>
    public const string Command = "burst-writer";

    /// <summary>Disputes per transaction.</summary>
    public const int DisputesPerTransaction = 500;

    private const string ConnectionVariable = "DISPUTES_BENCH_CONNECTION";
    private const string Ready = "ready";
    private const string Go = "go";
    private const string Done = "done";
    private const string CommittedPrefix = "committed ";

    /// <summary>
    /// Writes <paramref name="disputes"/> disputes on <paramref name="account"/> from the writer's process, their case
    /// numbers following <paramref name="numberedAfter"/>.
    /// <paramref name="starting"/> runs once the writer's store is open, just before its first transaction;
    /// <paramref name="committed"/> gets each transaction's disputes with the <see cref="Stopwatch"/> timestamp of its
    /// commit, taken in the writer's process (on Linux the system's monotonic clock, the same in every process).
    /// </summary>
    public static async Task WriteAsync(string connectionString, BenchAccount account, int disputes, long numberedAfter, Action starting,
        Action<long, IReadOnlyList<Guid>> committed, CancellationToken cancellation)
    {
        var start = BenchProcess.StartInfo(
            [Command, disputes.ToString(CultureInfo.InvariantCulture), numberedAfter.ToString(CultureInfo.InvariantCulture), account.AccountId, account.TimeZoneId, account.ClosingDay.ToString(CultureInfo.InvariantCulture)]);
        start.RedirectStandardInput = true;
        start.Environment[ConnectionVariable] = connectionString;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The burst writer's process did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        var done = false;
        try
        {
            while (!done && await process.StandardOutput.ReadLineAsync(cancellation) is { } line)
            {
                if (line == Ready)
                {
                    starting();
                    await process.StandardInput.WriteLineAsync(Go.AsMemory(), cancellation);
                    await process.StandardInput.FlushAsync(cancellation);
                }
                else if (line.StartsWith(CommittedPrefix, StringComparison.Ordinal))
                {
                    var fields = line[CommittedPrefix.Length..].Split(' ');
                    committed(long.Parse(fields[0], CultureInfo.InvariantCulture), [.. fields[1].Split(',').Select(Guid.Parse)]);
                }
                else
                {
                    done = line == Done;
                }
            }
        }
        finally
        {
            await BenchProcess.EndAsync(process);
        }

        if (!done)
        {
            throw new InvalidOperationException($"The burst writer's process ended before it wrote every dispute: {await errors}");
        }
    }

    /// <summary>The writer's process: opens the store, says it is ready, writes once told to go, and says when it is done.</summary>
    public static async Task<int> MainAsync(string[] args, CancellationToken cancellation)
    {
        var disputes = int.Parse(args[1], CultureInfo.InvariantCulture);
        var numberedAfter = long.Parse(args[2], CultureInfo.InvariantCulture);
        var account = new BenchAccount(args[3], args[4], int.Parse(args[5], CultureInfo.InvariantCulture));
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable)
            ?? throw new InvalidOperationException($"{ConnectionVariable} names no database.");
        await using var store = await BenchStore.OpenAsync(connectionString, cancellation);
        var factory = new DisputeFactory(numberedAfter);
        Console.WriteLine(Ready);
        if (await Console.In.ReadLineAsync(cancellation) != Go)
        {
            return 1;
        }

        for (var done = 0; done < disputes; done += DisputesPerTransaction)
        {
            await using var session = store.Store.LightweightSession();
            var batch = new List<Guid>(DisputesPerTransaction);
            for (var i = done; i < Math.Min(disputes, done + DisputesPerTransaction); i++)
            {
                var now = SystemClock.Instance.GetCurrentInstant();
                var opened = factory.Open(account, now, now);
                var hold = PlaceHold.Decide(Dispute.Start(opened), null, BusinessDayCalendar.FederalReserve);
                session.Events.StartStream<Dispute>(opened.DisputeId, [opened, .. hold]);
                batch.Add(opened.DisputeId);
            }

            await session.SaveChangesAsync(cancellation);
            Console.WriteLine($"{CommittedPrefix}{Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture)} {string.Join(',', batch)}");
        }

        Console.WriteLine(Done);
        return 0;
    }
}
