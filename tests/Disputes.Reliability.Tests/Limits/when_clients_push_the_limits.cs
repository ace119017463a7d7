using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Api.ServiceDefaults.Limits;
using Disputes.Reliability.Tests.Infrastructure;
using Disputes.Testing;
using Xunit;

namespace Disputes.Reliability.Tests.Limits;

/// <summary>
/// The limits a client meets on the real server (Kestrel, not a test server): intake rate per client (429 with
/// Retry-After), request header count and size, body size; and the health probes, which need no token.
/// </summary>
public sealed class when_clients_push_the_limits
{
    private const int IntakePerMinute = 5;

    [Fact]
    public async Task intake_is_rate_limited_per_client_headers_and_bodies_are_bounded_and_health_is_open()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"reliability_limits_{Guid.NewGuid():N}");
        await using var stored = new StoredState(connectionString);
        await using var service = await ServiceProcess.StartAsync(connectionString,
            new Dictionary<string, string> { ["Disputes:RateLimits:IntakePerMinute"] = IntakePerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        // Liveness needs no token and nothing but the process.
        using var anonymous = service.AnonymousClient();
        using (var live = await anonymous.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("healthy", JsonNode.Parse(await live.Content.ReadAsStringAsync())!["status"].Str());
        }

        // Intake: the client's allowance, then 429 with Retry-After and problem details, storing nothing.
        var first = await service.ClientAsync("agent", "agent-first");
        await first.RegisterAccountAsync("acct-1001");

        // Another client's intake first, so the endpoint's code is compiled before the measured client starts: a
        // slow first request must not let the allowance refill (one token per 60 s / limit) before the limit is hit.
        var warmUp = await service.ClientAsync("agent", "agent-warm-up");
        using (var warmed = await warmUp.PostJsonAsync("/api/disputes", ServiceApi.IntakeToday("acct-1001")))
        {
            Assert.Equal(HttpStatusCode.Created, warmed.StatusCode);
        }

        for (var i = 0; i < IntakePerMinute; i++)
        {
            using var accepted = await first.PostJsonAsync("/api/disputes", ServiceApi.IntakeToday("acct-1001"));
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        var eventsBefore = await stored.RequestEventCountAsync();
        using (var refused = await first.PostJsonAsync("/api/disputes", ServiceApi.IntakeToday("acct-1001")))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)refused.StatusCode} {body}");
            Assert.True(refused.IsProblem(), body);
            var retryAfter = refused.Headers.RetryAfter?.Delta;
            Assert.True(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), $"Retry-After: {refused.Headers.RetryAfter}");
            Assert.Equal(429, (int)JsonNode.Parse(body)!["status"]!);
        }

        // The allowance belongs to the endpoint, not to one spelling of its path.
        foreach (var spelling in new[] { "/api/disputes/", "/API/Disputes", "/api/DISPUTES/" })
        {
            using var respelled = await first.PostJsonAsync(spelling, ServiceApi.IntakeToday("acct-1001"));
            Assert.True(respelled.StatusCode == HttpStatusCode.TooManyRequests, $"{spelling} answered {(int)respelled.StatusCode}");
        }

        Assert.Equal(eventsBefore, await stored.RequestEventCountAsync());

        // Counted per client (the token's subject), and only on intake.
        var second = await service.ClientAsync("agent", "agent-second");
        using (var other = await second.PostJsonAsync("/api/disputes", ServiceApi.IntakeToday("acct-1001")))
        {
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        }

        using (var read = await first.GetAsync("/api/accounts/acct-1001"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        // Headers: too many, or too large in all, are refused by Kestrel before any code of the service runs.
        using (var many = new HttpRequestMessage(HttpMethod.Get, "/health/live"))
        {
            for (var i = 0; i < ClientLimits.MaxRequestHeaderCount + 10; i++)
            {
                many.Headers.TryAddWithoutValidation($"X-Filler-{i}", "x");
            }

            using var response = await anonymous.SendAsync(many);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }

        using (var large = new HttpRequestMessage(HttpMethod.Get, "/health/live"))
        {
            large.Headers.TryAddWithoutValidation("X-Filler", new string('x', ClientLimits.MaxRequestHeadersTotalSize + 1024));
            using var response = await anonymous.SendAsync(large);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }

        using (var longLine = await anonymous.GetAsync("/health/live?q=" + new string('x', ClientLimits.MaxRequestLineSize)))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, longLine.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        // A body over 64 KiB: 413 with problem details, before it is read.
        var note = new JsonObject { ["text"] = new string('a', (int)RequestLimits.MaxBodyBytes + 1), ["expectedVersion"] = 1 };
        using (var tooLarge = await second.PostJsonAsync($"/api/disputes/{Guid.NewGuid()}/notes", note))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.True(tooLarge.IsProblem());
        }

        // Readiness is open to anonymous callers too and names each check (whether it is ready yet depends on
        // Wolverine's leader election; the outage test waits for it).
        using var readiness = await anonymous.GetAsync("/health/ready");
        Assert.True(readiness.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)readiness.StatusCode}");
        var checks = JsonNode.Parse(await readiness.Content.ReadAsStringAsync())!["checks"]!.AsObject();
        Assert.Equal(["database", "durabilityAgent", "projections", "schema"], checks.Select(c => c.Key).Order());
        Assert.Equal("healthy", checks["database"]!["status"].Str());
        Assert.Equal("healthy", checks["schema"]!["status"].Str());
    }
}
