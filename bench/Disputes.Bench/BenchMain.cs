using System.Runtime.InteropServices;
using Disputes.Bench.Webhooks;
using Disputes.Bench.Workload;

namespace Disputes.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Disputes.Bench -- &lt;scenario|all&gt; [--scale tiny|small|full]
/// [--connection "&lt;cs&gt;"] [--clients N] [--results DIR] [--database-prefix NAME] [--keep-databases]</c>;
/// <c>intake-clients ...</c> runs intake's load clients in a process of their own (<see cref="IntakeClients"/>), and
/// <c>webhook-receiver</c> and <c>burst-writer ...</c> the webhooks scenario's receiver and burst (<see cref="BenchReceiver"/>,
/// <see cref="BurstWriter"/>).
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        // SIGTERM (e.g. from `timeout`): stop the scenario and clean up (databases, throwaway cluster) before exiting.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            cancellation.Cancel();
        });

        if (args is [IntakeClients.Command, ..])
        {
            return await IntakeClients.MainAsync(args, cancellation.Token);
        }

        if (args is [BenchReceiver.Command])
        {
            return await BenchReceiver.MainAsync(cancellation.Token);
        }

        if (args is [BurstWriter.Command, ..])
        {
            return await BurstWriter.MainAsync(args, cancellation.Token);
        }

        if (!BenchOptions.TryParse(args, out var options, out var problem))
        {
            await Console.Error.WriteLineAsync(problem);
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        try
        {
            var results = await BenchRunner.RunAsync(options, Console.Out, cancellation.Token);
            return results.All(r => r.Succeeded) ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled: the scenario's database was dropped and the throwaway cluster stopped.");
            return 130;
        }
    }
}
