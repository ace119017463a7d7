using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>
/// The real service, started as its own process from its build output
/// (<c>dotnet Disputes.Api.dll --urls http://127.0.0.1:{port}</c>) in the Development environment (for the
/// development sign-in), with its stdout and stderr captured. Unlike the in-process test host it can be killed,
/// sent SIGTERM, and lose its database like a deployed node.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>Environment variable that overrides where Disputes.Api.dll is.</summary>
    public const string ServiceDllVariable = "DISPUTES_SERVICE_DLL";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly ConcurrentQueue<string> log;
    private readonly List<HttpClient> clients = [];
    private Process? watchdog;

    private ServiceProcess(Process process, ConcurrentQueue<string> log, int port)
    {
        this.process = process;
        this.log = log;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The loopback port the service listens on.</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:{port}.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far, one line each.</summary>
    public string Logs => string.Join('\n', log);

    /// <summary>The last <paramref name="lines"/> lines of <see cref="Logs"/>, for failure messages.</summary>
    public string LogTail(int lines = 60) => string.Join('\n', log.Skip(Math.Max(0, log.Count - lines)));

    /// <summary>
    /// Starts the service against <paramref name="connectionString"/> and waits until <c>/health/live</c> answers.
    /// <paramref name="settings"/> are configuration keys (<c>Disputes:RateLimits:IntakePerMinute</c>) passed as
    /// environment variables.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = ServiceDll();
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root, where appsettings*.json (the Development signing key among them) are read from.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");

        // Only this test's settings: nothing inherited from the runner's environment may point it elsewhere.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Disputes__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["ConnectionStrings__Disputes"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Disputes__Timers__PollingInterval"] = "00:00:00.500";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) { log.Enqueue(line.Data); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { log.Enqueue("[stderr] " + line.Data); } };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {dll}.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, log, port) { watchdog = StartWatchdog(process.Id) };
        try
        {
            await service.WaitUntilLiveAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client with a development token for <paramref name="role"/> as <paramref name="subject"/>.</summary>
    public async Task<HttpClient> ClientAsync(string role = "agent", string subject = "agent-7")
    {
        var client = AnonymousClient();
        using var response = await client.PostAsJsonAsync("/api/dev/tokens", new { role, subject });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The development sign-in answered {(int)response.StatusCode}: {body}\n{LogTail()}");
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(body)!["accessToken"]!.GetValue<string>());
        return client;
    }

    /// <summary>A client without a token.</summary>
    public HttpClient AnonymousClient()
    {
        // A generous timeout: the first request to each endpoint compiles its handler.
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 and returns its body.</summary>
    public async Task<JsonObject> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited();
            try
            {
                using var response = await client.GetAsync("/health/ready");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"/health/ready did not answer 200 within {timeout}; last answer: {last}\n{LogTail()}");
    }

    /// <summary>SIGKILL: the process ends at once, mid-request, without any shutdown code running.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill")
        {
            ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not run kill.");
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        // The parameterless wait also drains the redirected output, so Logs is complete afterwards.
        process.WaitForExit();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        lock (clients)
        {
            clients.ForEach(c => c.Dispose());
            clients.Clear();
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        try
        {
            if (watchdog is { HasExited: false })
            {
                watchdog.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        watchdog?.Dispose();
    }

    /// <summary>
    /// A shell that kills the service if this test process dies without disposing it (a crashed or killed test
    /// run), so no service is left running on the machine. Its stdio is /dev/null so it never holds the runner's pipes.
    /// </summary>
    private static Process? StartWatchdog(int servicePid)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do kill -0 "$2" || exit 0; sleep 1; done
            kill -9 "$2"
            """;
        try
        {
            var start = new ProcessStartInfo("/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { "-c", script, "disputes-service-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), servicePid.ToString(CultureInfo.InvariantCulture) },
            };
            return Process.Start(start);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited();
            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The service did not answer /health/live within {StartTimeout}.\n{LogTail()}");
    }

    private void ThrowIfExited()
    {
        if (process.HasExited)
        {
            process.WaitForExit();
            throw new InvalidOperationException($"The service process exited with code {process.ExitCode}.\n{LogTail()}");
        }
    }

    private static string ServiceDll()
    {
        var configured = Environment.GetEnvironmentVariable(ServiceDllVariable);
        var directory = typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "DisputesApiDirectory")?.Value;
        var dll = !string.IsNullOrWhiteSpace(configured) ? configured : Path.Combine(directory ?? "", "Disputes.Api.dll");
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException(
                $"The service's build output was not found at {dll}: build src/Disputes.Api in the same configuration as the tests, " +
                $"or set {ServiceDllVariable} to its Disputes.Api.dll.");
        }

        return dll;
    }

    /// <summary>A TCP port free on 127.0.0.1 just now.</summary>
    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
