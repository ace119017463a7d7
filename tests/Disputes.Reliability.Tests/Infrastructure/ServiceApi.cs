using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Xunit;

namespace Disputes.Reliability.Tests.Infrastructure;

/// <summary>Requests and answers of the HTTP API, as a client of the separate service process writes and reads them.</summary>
public static class ServiceApi
{
    /// <summary>
    /// An intake for <paramref name="accountId"/> with a fresh chat session, received "now" by the service's clock
    /// (no <c>noticeReceivedAt</c>), for a charge on <paramref name="transactionDate"/> shown on a statement of
    /// <paramref name="statementOn"/>; both must be on or before the service's today.
    /// </summary>
    public static JsonObject Intake(string accountId, LocalDate transactionDate, LocalDate statementOn, string? chatSessionId = null) => new()
    {
        ["accountId"] = accountId,
        ["cardLast4"] = "1005",
        ["chatSessionId"] = chatSessionId ?? NewChatSessionId(),
        ["reason"] = "unauthorized",
        ["merchant"] = "XYZ Store",
        ["amount"] = 127.43m,
        ["currency"] = "USD",
        ["transactionDate"] = transactionDate.ToString("yyyy-MM-dd", null),
        ["statementTransmittedOn"] = statementOn.ToString("yyyy-MM-dd", null),
        ["description"] = "I did not make this purchase",
    };

    /// <summary>
    /// A fresh chat session id of letters only: a random hex id can hold a run of digits that passes the Luhn
    /// check, which intake rightly refuses as a possible card number.
    /// </summary>
    public static string NewChatSessionId() =>
        "chat-" + string.Concat(Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    /// <summary>An intake received today by the system clock: the charge 10 days ago, the statement 5 days ago.</summary>
    public static JsonObject IntakeToday(string accountId, string? chatSessionId = null)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        return Intake(accountId, today.PlusDays(-10), today.PlusDays(-5), chatSessionId);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode? body) =>
        client.PostAsync(url, new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json"));


    /// <summary>Registers an account with a monthly closing day; fails the test unless it is stored.</summary>
    public static async Task RegisterAccountAsync(this HttpClient client, string accountId, string timeZone = "Etc/UTC", int closingDay = 15)
    {
        using var response = await client.PutAsync($"/api/accounts/{accountId}", new StringContent(
            new JsonObject { ["timeZone"] = timeZone, ["billingCycle"] = new JsonObject { ["closingDay"] = closingDay } }.ToJsonString(),
            Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"PUT /api/accounts/{accountId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Opens a dispute; fails the test unless the answer is 201.</summary>
    public static async Task<JsonObject> OpenDisputeAsync(this HttpClient client, JsonObject intake)
    {
        using var response = await client.PostJsonAsync("/api/disputes", intake);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/disputes: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Posts a command to <paramref name="disputeId"/> with the version it was decided on.</summary>
    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, string disputeId, string step, long version, JsonObject? body = null)
    {
        body ??= new JsonObject();
        body["expectedVersion"] = version;
        return client.PostJsonAsync($"/api/disputes/{disputeId}/{step}", body);
    }

    /// <summary>Reads a dispute; fails the test unless it exists.</summary>
    public static async Task<JsonObject> GetDisputeAsync(this HttpClient client, string disputeId)
    {
        using var response = await client.GetAsync($"/api/disputes/{disputeId}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/disputes/{disputeId}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Whether the answer is <c>application/problem+json</c>.</summary>
    public static bool IsProblem(this HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
}
