using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using Xunit;

namespace Disputes.Reliability.Tests.Faults;

/// <summary>SIGTERM, as an orchestrator stops a node: requests already being served complete, and the process exits 0.</summary>
public sealed class when_the_service_is_told_to_stop
{
    [Fact]
    public async Task requests_in_flight_complete_and_the_process_exits_cleanly()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_sigterm_{Guid.NewGuid():N}");
        await using var stored = new StoredState(connectionString);
        await using var service = await ServiceProcess.StartAsync(connectionString);
        var agent = await service.ClientAsync();
        await agent.RegisterAccountAsync("acct-1001");
        await agent.OpenDisputeAsync(ServiceApi.IntakeToday("acct-1001"));

        // Requests whose body is still arriving when the signal comes: the service has begun serving them
        // (headers read, endpoint waiting for the body), so they are in flight by any measure.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodies = Enumerable.Range(0, 6).Select(_ => new HeldBackBody(ServiceApi.IntakeToday("acct-1001").ToJsonString(), release.Task)).ToList();
        var requests = bodies.Select(body => agent.PostAsync("/api/disputes", body)).ToList();
        await Task.WhenAll(bodies.Select(b => b.HeadSent));
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        await service.TerminateAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(service.HasExited, "The service exited before its requests in flight completed.");
        release.SetResult();

        var responses = await Task.WhenAll(requests);
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 201), $"Requests in flight at SIGTERM answered {string.Join(", ", statuses)}\n{service.LogTail()}");
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(45));
        Assert.True(exitCode == 0, $"The service exited with {exitCode} after SIGTERM.\n{service.LogTail()}");

        var streams = await stored.DisputeStreamsAsync();
        foreach (var response in responses)
        {
            var id = Guid.Parse(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["disputeId"].Str());
            Assert.True(streams.ContainsKey(id), $"Dispute {id} was answered 201 but is not stored.");
        }

        Assert.Empty(await stored.HalfWrittenDisputesAsync());
    }

    /// <summary>A JSON body of known length that sends its first bytes at once and the rest when released.</summary>
    private sealed class HeldBackBody : HttpContent
    {
        private readonly byte[] bytes;
        private readonly Task release;
        private readonly TaskCompletionSource headSent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBackBody(string json, Task release)
        {
            bytes = Encoding.UTF8.GetBytes(json);
            this.release = release;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        public Task HeadSent => headSent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 10));
            await stream.FlushAsync();
            headSent.TrySetResult();
            await release;
            await stream.WriteAsync(bytes.AsMemory(10));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
