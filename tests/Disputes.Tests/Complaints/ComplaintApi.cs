using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Complaints;

/// <summary>Complaint requests and answers, as a client writes and reads them.</summary>
public static class ComplaintApi
{
    /// <summary>A complaint about fees on <paramref name="accountId"/>, received at <paramref name="receivedAt"/>; change fields as a test needs.</summary>
    public static JsonObject Complaint(string accountId = "acct-1001", string? receivedAt = "2025-03-03T15:00:00Z", string? disputeId = null)
    {
        var body = new JsonObject
        {
            ["accountId"] = accountId,
            ["category"] = "fees_and_interest",
            ["description"] = "I was charged a late fee although I paid on time",
            ["channel"] = "chat",
        };
        if (receivedAt is not null)
        {
            body["receivedAt"] = receivedAt;
        }

        if (disputeId is not null)
        {
            body["disputeId"] = disputeId;
        }

        return body;
    }

    /// <summary>Logs a complaint and returns its body; fails the test unless the answer is 201.</summary>
    public static async Task<JsonObject> LogComplaintAsync(this HttpClient client, JsonObject? complaint = null)
    {
        var response = await client.PostJsonAsync("/api/complaints", complaint ?? Complaint());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    /// <summary>Posts a step to a complaint at the version given (its own, unless told).</summary>
    public static Task<HttpResponseMessage> ComplaintCommandAsync(this HttpClient client, JsonObject complaint, string step, JsonObject? body = null, long? version = null)
    {
        body ??= [];
        body["expectedVersion"] = version ?? (long)complaint["version"]!;
        return client.PostJsonAsync($"/api/complaints/{complaint["complaintId"]}/{step}", body);
    }

    /// <summary>Posts a step at the complaint's version; fails the test unless the answer is 200, and returns the body.</summary>
    public static async Task<JsonObject> ComplaintStepAsync(this HttpClient client, JsonObject complaint, string step, JsonObject? body = null)
    {
        var response = await client.ComplaintCommandAsync(complaint, step, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.BodyAsync();
    }

    public static async Task<JsonObject> GetComplaintAsync(this HttpClient client, JsonObject complaint)
    {
        var response = await client.GetAsync($"/api/complaints/{complaint["complaintId"]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    /// <summary>How many complaints the event store holds.</summary>
    public static Task<long> ComplaintCountAsync(this DisputesHost service) =>
        service.ScalarAsync<long>("select count(*) from disputes.mt_events where type = 'complaint_received'");
}
