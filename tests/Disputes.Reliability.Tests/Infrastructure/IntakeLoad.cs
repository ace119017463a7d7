using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>One answer to an intake under load: its status, whether it was a problem, how long it took, when it came.</summary>
public sealed record Answer(int Status, bool Problem, TimeSpan Took, DateTime At, string Body);

/// <summary>The intake load of the fault tests: clients opening disputes and recording every answer.</summary>
public static class IntakeLoad
{
    /// <summary>
    /// Opens disputes from <paramref name="intake"/> until <paramref name="stop"/>, one at a time with 100 ms between
    /// them, recording every answer (no answer at all is status 0) and reporting each dispute answered 201.
    /// </summary>
    public static async Task OpenDisputesAsync(
        HttpClient client, Func<JsonObject> intake, ConcurrentQueue<Answer> answers, Action<Guid> accepted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await client.PostJsonAsync("/api/disputes", intake());
                var body = await response.Content.ReadAsStringAsync();
                answers.Enqueue(new Answer((int)response.StatusCode, response.IsProblem(), watch.Elapsed, DateTime.UtcNow, body.Length > 300 ? body[..300] : body));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    accepted(Guid.Parse(JsonNode.Parse(body)!["disputeId"].Str()));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // No answer at all (the client's own timeout is far above any bound) is as bad as a slow one.
                answers.Enqueue(new Answer(0, false, watch.Elapsed, DateTime.UtcNow, e.GetType().Name + ": " + e.Message));
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>
    /// Waits until an intake made after <paramref name="since"/> is answered 201 and returns when that answer came;
    /// fails naming <paramref name="what"/> and what was answered meanwhile when none is within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<DateTime> FirstAcceptedAfterAsync(
        this ConcurrentQueue<Answer> answers, DateTime since, TimeSpan timeout, string what, ServiceProcess service)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!answers.Any(a => a.At > since && a.Status == 201))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"Intake did not recover within {timeout.TotalSeconds} s of {what}: {Summary(answers.Where(a => a.At > since))}\n{service.LogTail()}");
            }

            await Task.Delay(100);
        }

        return answers.Where(a => a.At > since && a.Status == 201).Min(a => a.At);
    }

    /// <summary>
    /// Stops the load, checks that the service outlived the fault, and waits until its readiness reports the database
    /// healthy again.
    /// </summary>
    public static async Task StopAndExpectHealthyAsync(this ServiceProcess service, CancellationTokenSource stop, Task[] load)
    {
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.False(service.HasExited, $"The service exited during the fault.\n{service.LogTail()}");
        var ready = await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("healthy", ready["checks"]!["database"]!["status"].Str());
    }

    /// <summary>Waits until <c>/health/ready</c> answers <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonObject> WaitForReadinessAsync(this ServiceProcess service, HttpStatusCode status, TimeSpan timeout)
    {
        using var client = service.AnonymousClient();
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/health/ready");
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status)
            {
                return JsonNode.Parse(last)!.AsObject();
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"/health/ready did not answer {(int)status} within {timeout}; last: {last}");
    }

    /// <summary>Answers grouped by status: how many, the slowest, and one body each.</summary>
    public static string Summary(IEnumerable<Answer> answers) =>
        string.Join("; ", answers.GroupBy(a => a.Status).Select(g => $"{g.Count()} x {g.Key} (slowest {g.Max(a => a.Took).TotalSeconds:0.0} s, e.g. {g.First().Body})"));
}
