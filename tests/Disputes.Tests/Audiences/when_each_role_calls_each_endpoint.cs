using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Disputes.Api.Identity;
using Disputes.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Disputes.Tests.Audiences;

/// <summary>
/// The role matrix: every endpoint called by every role, without a token and with a bad one. Who may call
/// what is written out here, independently of the policies in the service, so a policy change that lets
/// the wrong role in fails here. A caller the endpoint admits may still get 400/404/409/428 for the
/// placeholder request; what matters is that authorization let it through.
/// </summary>
/// <remarks>No state is needed (every request names unknown disputes or sends empty bodies), so the class
/// does not empty the database between its ~280 cases.</remarks>
public sealed class when_each_role_calls_each_endpoint(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string Anonymous = "no token";
    private const string Garbage = "garbage token";
    private const string Forged = "token signed with another key";

    private static readonly string[] Staff = [Roles.Agent, Roles.Supervisor];
    private static readonly string[] Readers = [Roles.Agent, Roles.Supervisor, Roles.Compliance];
    private static readonly string[] Auditors = [Roles.Compliance, Roles.Supervisor];
    private static readonly string[] Cardmembers = [Roles.Cardmember];
    private static readonly string[] Integrators = [Roles.Integrator];
    private static readonly string[] WebhookReaders = [Roles.Integrator, Roles.Compliance];
    private static readonly string[] PrintQueueReaders = [Roles.Integrator, Roles.Compliance];

    /// <summary>Every endpoint of the service and the roles it admits.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new()
    {
        ["POST /api/disputes"] = Staff,
        ["GET /api/disputes"] = Readers,
        ["GET /api/disputes/{disputeId}"] = Readers,
        ["GET /api/disputes/by-case/{caseNumber}"] = Readers,
        ["POST /api/disputes/{disputeId}/acknowledgment"] = Staff,
        ["POST /api/disputes/{disputeId}/provisional-credits"] = Staff,
        ["POST /api/disputes/{disputeId}/document-requests"] = Staff,
        ["POST /api/disputes/{disputeId}/documents-received"] = Staff,
        ["POST /api/disputes/{disputeId}/merchant-contacts"] = Staff,
        ["POST /api/disputes/{disputeId}/escalation"] = Staff,
        ["POST /api/disputes/{disputeId}/notes"] = Staff,
        ["POST /api/disputes/{disputeId}/finance-charges"] = Staff,
        ["POST /api/disputes/{disputeId}/resolution"] = Staff,
        ["POST /api/disputes/{disputeId}/withdrawal"] = Staff,
        ["POST /api/disputes/{disputeId}/reopening"] = [Roles.Supervisor],
        ["POST /api/disputes/{disputeId}/resolution-approval"] = [Roles.Supervisor],
        ["POST /api/disputes/{disputeId}/reporting"] = Staff,
        ["GET /api/disputes/{disputeId}/summary"] = Staff,
        ["POST /api/disputes/{disputeId}/resolution-rejection"] = [Roles.Supervisor],
        ["POST /api/disputes/{disputeId}/statement-date"] = Staff,
        ["PUT /api/accounts/{accountId}"] = Staff,
        ["GET /api/accounts/{accountId}"] = Readers,
        ["POST /api/accounts/{accountId}/activity"] = [Roles.Integrator],
        ["POST /api/accounts/{accountId}/past-closings/corrections"] = [Roles.Supervisor, Roles.Compliance],
        ["GET /api/compliance/deadlines"] = Auditors,
        ["GET /api/compliance/summary"] = Auditors,
        ["GET /api/compliance/breaches"] = Auditors,
        ["GET /api/compliance/days"] = Auditors,
        ["GET /api/compliance/calendar-attention"] = Auditors,
        ["GET /api/compliance/hold-violations"] = Auditors,
        ["GET /api/compliance/missing-or-late-notices"] = Auditors,
        ["GET /api/compliance/disputes/{disputeId}/history"] = Auditors,
        ["GET /api/compliance/accounts/{accountId}/history"] = Auditors,
        ["GET /api/compliance/disputes/{disputeId}/as-of"] = Auditors,
        ["GET /api/me/disputes"] = Cardmembers,
        ["GET /api/me/disputes/{caseNumber}"] = Cardmembers,
        ["POST /api/me/disputes/{caseNumber}/withdraw"] = Cardmembers,
        ["GET /api/disputes/{disputeId}/notices/{noticeId}/pdf"] = Readers,
        ["GET /api/disputes/{disputeId}/notices/{noticeId}/html"] = Readers,
        ["POST /api/disputes/{disputeId}/notices/preview"] = Staff,
        ["GET /api/compliance/disputes/{disputeId}/notices/preview"] = Auditors,
        ["GET /api/me/disputes/{caseNumber}/letters/{noticeId}/pdf"] = Cardmembers,
        ["GET /api/me/disputes/{caseNumber}/letters/{noticeId}/html"] = Cardmembers,
        ["POST /api/disputes/{disputeId}/upload-links"] = Staff,
        ["DELETE /api/disputes/{disputeId}/upload-links/{linkId}"] = Staff,
        ["GET /api/disputes/{disputeId}/files"] = Readers,
        ["GET /api/disputes/{disputeId}/files/{fileId}"] = Readers,
        ["POST /api/webhooks/subscriptions"] = Integrators,
        ["GET /api/webhooks/subscriptions"] = WebhookReaders,
        ["GET /api/webhooks/subscriptions/{subscriptionId}"] = WebhookReaders,
        ["DELETE /api/webhooks/subscriptions/{subscriptionId}"] = Integrators,
        ["POST /api/webhooks/subscriptions/{subscriptionId}/secret-rotation"] = Integrators,
        ["POST /api/webhooks/subscriptions/{subscriptionId}/enable"] = Integrators,
        ["GET /api/webhooks/subscriptions/{subscriptionId}/deliveries"] = WebhookReaders,
        ["POST /api/webhooks/subscriptions/{subscriptionId}/deliveries/{deliveryId}/replay"] = Integrators,
        ["POST /api/webhooks/subscriptions/{subscriptionId}/replay"] = Integrators,
        ["GET /api/notices/print-queue"] = PrintQueueReaders,
        ["POST /api/notices/print-batches"] = Integrators,
        ["GET /api/notices/print-batches/{batchId}"] = Integrators,
        ["POST /api/notices/print-batches/{batchId}/mailed"] = Integrators,
        ["POST /api/complaints"] = Staff,
        ["GET /api/complaints/{complaintId}"] = Readers,
        ["POST /api/complaints/{complaintId}/review"] = Staff,
        ["POST /api/complaints/{complaintId}/response"] = Staff,
        ["POST /api/complaints/{complaintId}/closing"] = Staff,
        ["POST /api/complaints/{complaintId}/reopening"] = Staff,
        ["GET /api/compliance/complaints"] = Auditors,
        ["GET /api/compliance/complaints/{complaintId}/history"] = Auditors,
        ["GET /api/me/complaints"] = Cardmembers,
    };

    public static TheoryData<string, string> Calls()
    {
        var calls = new TheoryData<string, string>();
        foreach (var endpoint in Matrix.Keys)
        {
            foreach (var caller in Roles.All.Append(Anonymous).Append(Garbage).Append(Forged))
            {
                calls.Add(endpoint, caller);
            }
        }

        return calls;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task only_the_roles_of_the_endpoint_get_through(string endpoint, string caller)
    {
        var response = await ClientFor(caller).SendAsync(RequestFor(endpoint));

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (caller is Anonymous or Garbage or Forged)
        {
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        }
        else if (Matrix[endpoint].Contains(caller))
        {
            Assert.True(status is not (401 or 403) and < 500, $"{caller} on {endpoint}: {status} {body}");
        }
        else
        {
            await response.ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public void the_matrix_lists_every_endpoint_that_needs_a_token_and_nothing_else_is_open_by_accident()
    {
        var endpoints = ((IEndpointRouteBuilder)fixture.Host.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .ToList();
        var secured = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.Equal(Matrix.Keys.Order(), secured.Order());

        // Everything else must say so explicitly (the API description, health, metrics): no endpoint is
        // public merely because nobody put a policy on it.
        var neither = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText);
        Assert.Empty(neither);
    }

    [Fact]
    public void the_evidence_upload_is_the_one_api_endpoint_open_on_purpose_since_its_link_is_the_credential()
    {
        var open = ((IEndpointRouteBuilder)fixture.Host.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();

        Assert.Equal(["api/uploads/{token}/files"], open);
    }

    private HttpClient ClientFor(string caller)
    {
        var service = fixture.Host;
        switch (caller)
        {
            case Anonymous:
                return service.AnonymousClient();
            case Garbage:
            {
                var client = service.AnonymousClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
                return client;
            }

            case Forged:
            {
                var client = service.AnonymousClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ForgedSupervisorToken());
                return client;
            }

            case Roles.Cardmember:
                return service.ClientAs(caller, "cm-1", "acct-1001");
            default:
                return service.ClientAs(caller, $"{caller}-1");
        }
    }

    /// <summary>A well-formed supervisor token with the right issuer and audience, signed with a key the service does not know.</summary>
    private static string ForgedSupervisorToken() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "disputes",
        Audience = "disputes-api",
        Subject = new ClaimsIdentity([new Claim(Roles.SubjectClaim, "mallory"), new Claim(Roles.RoleClaim, Roles.Supervisor)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-key-entirely-0123456789-0123456789")), SecurityAlgorithms.HmacSha256),
    });

    private static HttpRequestMessage RequestFor(string endpoint)
    {
        var (method, route) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var url = route
            .Replace("{disputeId}", "6f1c2a8e-0000-4000-8000-000000000001")
            .Replace("{caseNumber}", "DSP-2025-999999")
            .Replace("{accountId}", "acct-matrix")
            .Replace("{subscriptionId}", "6f1c2a8e-0000-4000-8000-000000000002")
            .Replace("{deliveryId}", "6f1c2a8e-0000-4000-8000-000000000003")
            .Replace("{batchId}", "6f1c2a8e-0000-4000-8000-000000000004")
            .Replace("{linkId}", "6f1c2a8e-0000-4000-8000-000000000006")
            .Replace("{fileId}", "6f1c2a8e-0000-4000-8000-000000000005")
            .Replace("{complaintId}", "6f1c2a8e-0000-4000-8000-000000000007");
        if (route.EndsWith("/as-of", StringComparison.Ordinal))
        {
            url += "?at=2025-04-01T00:00:00Z";
        }

        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
