using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Disputes.Tests.Infrastructure;

/// <summary>Requests and answers of the HTTP API, as a client writes and reads them.</summary>
public static class TestApi
{
    /// <summary>The intake request of the issue's contract, with a fresh chat session; change fields as a test needs.</summary>
    public static JsonObject Intake(string accountId = "acct-1001", string? chatSessionId = null) => new()
    {
        ["accountId"] = accountId,
        ["cardLast4"] = "1005",
        ["chatSessionId"] = chatSessionId ?? NewChatSessionId(),
        ["reason"] = "unauthorized",
        ["merchant"] = "XYZ Store",
        ["amount"] = 127.43m,
        ["currency"] = "USD",
        ["transactionDate"] = "2025-02-10",
        ["statementTransmittedOn"] = "2025-02-16",
        ["noticeReceivedAt"] = "2025-03-03T15:00:00Z",
        ["description"] = "I did not make this purchase",
    };

    /// <summary>
    /// A fresh chat session id of letters only: a random hex id can hold a run of digits that passes the Luhn
    /// check, which intake rightly refuses as a possible card number.
    /// </summary>
    public static string NewChatSessionId() =>
        "chat-" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode? body) =>
        await client.PostAsync(url, new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json"));

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, JsonNode body) =>
        await client.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>Registers an account with a monthly closing day.</summary>
    public static async Task RegisterAccountAsync(this HttpClient client, string accountId = "acct-1001", string timeZone = "America/New_York", int closingDay = 15)
    {
        var response = await client.PutJsonAsync($"/api/accounts/{accountId}",
            new JsonObject { ["timeZone"] = timeZone, ["billingCycle"] = new JsonObject { ["closingDay"] = closingDay } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens a dispute and returns its body; fails the test unless the answer is 201.</summary>
    public static async Task<JsonObject> OpenDisputeAsync(this HttpClient client, JsonObject? intake = null)
    {
        var response = await client.PostJsonAsync("/api/disputes", intake ?? Intake());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    /// <summary>Posts a command to a dispute with the version given.</summary>
    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, JsonObject dispute, string step, JsonObject? body = null, long? version = null)
    {
        body ??= new JsonObject();
        body["expectedVersion"] = version ?? (long)dispute["version"]!;
        return client.PostJsonAsync($"/api/disputes/{dispute["disputeId"]}/{step}", body);
    }

    /// <summary>Posts a step to a dispute at its current version; fails the test unless the answer is 200, and returns the body.</summary>
    public static async Task<JsonObject> StepAsync(this HttpClient client, JsonObject dispute, string step, JsonObject? body = null)
    {
        var response = await client.CommandAsync(dispute, step, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    /// <summary>
    /// Proposes a denial or partial credit as this client (asserting the 202 that says it waits for approval) and has
    /// <paramref name="approver"/> approve it; returns the resolved dispute.
    /// </summary>
    public static async Task<JsonObject> ResolveApprovedAsync(this HttpClient client, JsonObject dispute, JsonObject body, HttpClient approver)
    {
        var response = await client.CommandAsync(dispute, "resolution", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"resolution: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var proposed = await response.BodyAsync();
        return await approver.StepAsync(proposed, "resolution-approval", new() { ["proposalId"] = proposed["pendingResolution"]!["proposalId"]!.DeepClone() });
    }

    public static async Task<JsonObject> GetDisputeAsync(this HttpClient client, JsonObject dispute)
    {
        var response = await client.GetAsync($"/api/disputes/{dispute["disputeId"]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    public static async Task<JsonObject> BodyAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Asserts a problem-details answer with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, (int)problem["status"]!);
        return problem;
    }

    /// <summary>The field names a 400 problem names in its <c>errors</c>.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonObject problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
}
