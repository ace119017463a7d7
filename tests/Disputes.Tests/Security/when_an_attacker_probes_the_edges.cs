using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Api.Identity;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Security;

/// <summary>The answers an attacker reads first: headers, token failures, operator endpoints, odd identifiers.</summary>
public sealed class when_an_attacker_probes_the_edges(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Theory]
    [InlineData("/api/disputes/by-case/DSP-2025-000001", HttpStatusCode.NotFound)]
    [InlineData("/api/accounts/acct-1001", HttpStatusCode.NotFound)]
    [InlineData("/api/compliance/summary", HttpStatusCode.Forbidden)]
    public async Task api_answers_are_never_sniffed_nor_cached(string path, HttpStatusCode status)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answered without Cache-Control: no-store");
    }

    [Fact]
    public async Task an_unauthenticated_answer_carries_the_headers_too()
    {
        var response = await Service.AnonymousClient().GetAsync("/api/disputes/by-case/DSP-2025-000001");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MTExMTExMTExMTExMTExIiwicm9sZSI6ImFnZW50In0.")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudC03Iiwicm9sZSI6ImFnZW50In0.c2lnbmF0dXJl")]
    [InlineData("a.b.c.d.e")]
    public async Task a_bad_token_is_401_without_details_of_why(string token)
    {
        var client = Service.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/disputes/by-case/DSP-2025-000001");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = string.Join(" ", response.Headers.WwwAuthenticate.Select(h => h.ToString()));
        Assert.Equal("Bearer", challenge);
        Assert.DoesNotContain("4111", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_oversized_token_is_refused_not_a_500()
    {
        var client = Service.AnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + new string('x', 20_000));

        var response = await client.GetAsync("/api/disputes/by-case/DSP-2025-000001");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("agent-123-45-6789")]
    [InlineData(" ")]
    public async Task a_token_whose_subject_cannot_be_recorded_is_401_and_stores_nothing(string subject)
    {
        await Client.RegisterAccountAsync();
        var client = Service.ClientAs(Roles.Agent, subject);

        var response = await client.PostJsonAsync("/api/disputes", TestApi.Intake());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await Service.DisputeCountAsync());
    }

    [Fact]
    public async Task metrics_are_closed_to_anonymous_callers_outside_development()
    {
        var anonymous = await Service.AnonymousClient().GetAsync("/metrics");
        var wrongToken = Service.AnonymousClient();
        wrongToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DisputesHost.RandomSecret());
        var guessed = await wrongToken.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
    }

    [Fact]
    public async Task the_readiness_report_names_no_host_user_or_database()
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(Service.ConnectionString);

        var readiness = await (await Service.OperatorClient().GetAsync("/health/ready")).Content.ReadAsStringAsync();

        Assert.Contains("durabilityAgent", readiness);
        Assert.DoesNotContain(database.Database!, readiness);
        Assert.DoesNotContain(database.Host!, readiness);
        Assert.DoesNotContain(database.Username!, readiness);
    }

    [Fact]
    public async Task the_anonymous_readiness_probe_says_only_healthy_or_not()
    {
        var anonymous = await (await Service.AnonymousClient().GetAsync("/health/ready")).BodyAsync();
        var operatorView = await (await Service.OperatorClient().GetAsync("/health/ready")).BodyAsync();

        // Whatever the node's state while it starts: the status alone for anyone, the checks for the operator.
        Assert.Equal(["status"], anonymous.Select(p => p.Key));
        Assert.Contains(anonymous["status"].Str(), new[] { "healthy", "degraded", "unhealthy" });
        Assert.NotNull(operatorView["checks"]?["database"]);
    }

    [Theory]
    [InlineData("%20")]
    [InlineData("%20%20%09")]
    public async Task a_blank_account_id_is_refused(string accountId)
    {
        var response = await Client.PutJsonAsync($"/api/accounts/{accountId}",
            new JsonObject { ["timeZone"] = "America/New_York", ["billingCycle"] = new JsonObject { ["closingDay"] = 15 } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("accountId", problem.ErrorFields());
        Assert.Equal(0, await Service.ScalarAsync<long>("select count(*) from disputes.mt_events"));
    }
}
