using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Xunit;

namespace Disputes.Tests.Audiences;

public sealed class when_reading_the_api_description(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private async Task<JsonObject> DocumentAsync()
    {
        // Read without a token: the description is public.
        var response = await fixture.Host.AnonymousClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    private IEnumerable<(string Method, string Route)> SecuredEndpoints() =>
        ((IEndpointRouteBuilder)fixture.Host.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m.ToLowerInvariant(), e.RoutePattern.RawText!)));

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => Methods.Contains(o.Key))
            .Select(o => (path.Key, o.Key, o.Value!.AsObject())));

    [Fact]
    public async Task every_endpoint_is_listed()
    {
        var document = await DocumentAsync();

        var listed = Operations(document).Select(o => $"{o.Method} {o.Path}").ToHashSet();
        var endpoints = SecuredEndpoints().Select(e => $"{e.Method} {e.Route}").ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, endpoint => Assert.Contains(endpoint, listed));
        Assert.Contains("get /api/compliance/disputes/{disputeId}/as-of", listed);
        Assert.Contains("post /api/me/disputes/{caseNumber}/withdraw", listed);
    }

    [Fact]
    public async Task it_declares_bearer_security_and_every_operation_requires_it_with_401_and_403_problems()
    {
        var document = await DocumentAsync();

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme["type"].Str());
        Assert.Equal("bearer", scheme["scheme"].Str());
        Assert.Equal("JWT", scheme["bearerFormat"].Str());
        Assert.All(Operations(document).Where(o => o.Path != "/api/uploads/{token}/files"), o =>
        {
            Assert.Contains(o.Operation["security"]!.AsArray(), requirement => requirement!.AsObject().ContainsKey("Bearer"));
            foreach (var status in new[] { "401", "403" })
            {
                Assert.Equal("#/components/schemas/ProblemDetails",
                    o.Operation["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"].Str());
            }

            Assert.StartsWith("Roles: ", o.Operation["description"].Str().Split("\n").Last());
        });
        Assert.EndsWith("Roles: supervisor.", document["paths"]!["/api/disputes/{disputeId}/reopening"]!["post"]!["description"].Str());
        Assert.EndsWith("Roles: cardmember.", document["paths"]!["/api/me/disputes"]!["get"]!["description"].Str());

        // The evidence upload is open on purpose: its link is the credential, and the description says so.
        var upload = document["paths"]!["/api/uploads/{token}/files"]!["post"]!;
        // An empty list of requirements: said outright, so no reader (or linter) takes it for a forgotten one.
        Assert.Empty(upload["security"]!.AsArray());
        Assert.Contains("no token", upload["description"].Str());
        Assert.Null(upload["responses"]!["401"]);
    }

    [Theory]
    [InlineData("post", "/api/me/disputes/{caseNumber}/withdraw", new[] { "400", "404", "409", "422" })]
    [InlineData("get", "/api/compliance/disputes/{disputeId}/as-of", new[] { "400", "404" })]
    [InlineData("get", "/api/compliance/disputes/{disputeId}/history", new[] { "404" })]
    [InlineData("get", "/api/compliance/breaches", new[] { "400" })]
    [InlineData("get", "/api/compliance/days", new[] { "400" })]
    [InlineData("get", "/api/me/disputes", new string[0])]
    [InlineData("post", "/api/disputes/{disputeId}/acknowledgment", new[] { "400", "404", "409", "413", "422", "428" })]
    [InlineData("post", "/api/disputes", new[] { "400", "413", "422" })]
    [InlineData("get", "/api/disputes/{disputeId}", new[] { "404" })]
    [InlineData("get", "/api/compliance/deadlines", new[] { "400" })]
    [InlineData("put", "/api/accounts/{accountId}", new[] { "400", "413", "422" })]
    public async Task each_operation_lists_its_problem_answers(string method, string path, string[] problems)
    {
        var document = await DocumentAsync();

        var responses = document["paths"]![path]![method]!["responses"]!.AsObject();

        var listed = responses.Where(r => r.Value!["content"]?["application/problem+json"] is not null).Select(r => r.Key).Order();
        Assert.Equal(problems.Append("401").Append("403").Order(), listed);
    }

    [Fact]
    public async Task the_operations_that_name_their_answer_describe_its_body()
    {
        var document = await DocumentAsync();

        string Ok(string path, string method = "get") =>
            document["paths"]![path]![method]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"].Str();
        Assert.Equal("#/components/schemas/DisputeHistory", Ok("/api/compliance/disputes/{disputeId}/history"));
        Assert.Equal("#/components/schemas/CardmemberDispute", Ok("/api/me/disputes/{caseNumber}"));
        Assert.Equal("#/components/schemas/CardmemberDisputeList", Ok("/api/me/disputes"));
        Assert.Equal("#/components/schemas/BreachReport", Ok("/api/compliance/breaches"));
        Assert.Equal("#/components/schemas/DailyTotals", Ok("/api/compliance/days"));
        Assert.False(document["components"]!["schemas"]!.AsObject().ContainsKey("IResult"));
    }
}
