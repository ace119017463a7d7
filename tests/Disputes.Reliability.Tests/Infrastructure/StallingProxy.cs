using System.Net;
using System.Net.Sockets;

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy between the service and PostgreSQL that can be told to stall: it goes on accepting
/// connections (and reading what is sent) but relays no byte in either direction, as a database that is reachable yet
/// never answers (a hung server, a full disk, a network path that drops packets silently). <see cref="Resume"/> lets
/// bytes flow again, on the old connections and new ones.
/// </summary>
public sealed class StallingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint upstream;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> sockets = [];
    private readonly Task accepting;
    private TaskCompletionSource open = NewOpenGate();
    private int accepted;

    private StallingProxy(IPEndPoint upstream)
    {
        this.upstream = upstream;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The loopback port the proxy listens on.</summary>
    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>Whether bytes are held back.</summary>
    public bool Stalled => !open.Task.IsCompleted;

    /// <summary>Starts a proxy on a free loopback port forwarding to <paramref name="upstream"/>.</summary>
    public static StallingProxy Start(IPEndPoint upstream) => new(upstream);

    /// <summary>From now on no byte is relayed, on connections open or new.</summary>
    public void Stall()
    {
        lock (sockets)
        {
            if (open.Task.IsCompleted)
            {
                open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Bytes flow again; what was held back is relayed first.</summary>
    public void Resume()
    {
        lock (sockets)
        {
            open.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        Resume();
        listener.Stop();
        lock (sockets)
        {
            sockets.ForEach(s => s.Dispose());
            sockets.Clear();
        }

        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref accepted);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        lock (sockets)
        {
            sockets.Add(client);
            sockets.Add(server);
        }

        try
        {
            await server.ConnectAsync(upstream, stop.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), done.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            await done.CancelAsync();
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away, or the proxy stopped.
        }
        finally
        {
            lock (sockets)
            {
                sockets.Remove(client);
                sockets.Remove(server);
            }

            client.Dispose();
            server.Dispose();
        }
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>, holding each chunk while the proxy is stalled.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellation)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cancellation);
                if (read == 0)
                {
                    return;
                }

                Task gate;
                lock (sockets)
                {
                    gate = open.Task;
                }

                await gate.WaitAsync(cancellation);
                await to.WriteAsync(buffer.AsMemory(0, read), cancellation);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed or stopped.
        }
    }
}
