using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Complaints;

public sealed partial class when_a_complaint_is_logged_from_chat(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Fact]
    public async Task it_gets_a_reference_from_the_sequence_and_its_two_deadlines()
    {
        await Client.RegisterAccountAsync();

        var response = await Client.PostJsonAsync("/api/complaints", ComplaintApi.Complaint());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var complaint = await response.BodyAsync();
        Assert.Matches(Reference(), complaint["reference"].Str());
        Assert.StartsWith("CMP-2025-", complaint["reference"].Str());
        Assert.Equal($"/api/complaints/{complaint["complaintId"]}", response.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag!.Tag);
        Assert.Equal("received", complaint["status"].Str());
        Assert.Equal("fees_and_interest", complaint["category"].Str());
        Assert.Equal("chat", complaint["channel"].Str());
        Assert.Equal("2025-03-03", complaint["receivedOn"].Str());
        Assert.Equal("America/New_York", complaint["timeZone"].Str());
        var deadlines = complaint["deadlines"]!;
        Assert.Equal("2025-03-18", deadlines["response"]!["dueOn"].Str());
        Assert.Equal("2025-03-19T04:00:00Z", deadlines["response"]!["breachesAt"].Str());
        Assert.Equal("pending", deadlines["response"]!["status"].Str());
        Assert.Equal("2025-05-02", deadlines["finalResponse"]!["dueOn"].Str());
        Assert.Equal(["review", "response"], complaint["allowedActions"]!.AsArray().Select(a => a.Str()));

        var again = await Client.GetComplaintAsync(complaint);
        Assert.Equal(complaint["reference"].Str(), again["reference"].Str());
    }

    [Fact]
    public async Task each_complaint_gets_the_next_reference_and_its_year_is_the_local_year_of_receipt()
    {
        await Client.RegisterAccountAsync();
        // 03:30 UTC on New Year's Day is still December 31 in New York.
        Clock.SetNow("2025-01-01T04:00:00Z");

        var first = await Client.LogComplaintAsync(ComplaintApi.Complaint(receivedAt: "2025-01-01T03:30:00Z"));
        var second = await Client.LogComplaintAsync(ComplaintApi.Complaint(receivedAt: null));

        Assert.StartsWith("CMP-2024-", first["reference"].Str());
        Assert.Equal("2024-12-31", first["receivedOn"].Str());
        Assert.StartsWith("CMP-2024-", second["reference"].Str());
        Assert.Equal(Number(first) + 1, Number(second));
    }

    [Fact]
    public async Task a_complaint_about_a_dispute_is_linked_to_it_and_counts_in_its_time_zone()
    {
        await Client.RegisterAccountAsync("acct-1001", "America/Los_Angeles");
        var dispute = await Client.OpenDisputeAsync();

        var complaint = await Client.LogComplaintAsync(ComplaintApi.Complaint(disputeId: dispute["disputeId"].Str()));

        Assert.Equal(dispute["disputeId"].Str(), complaint["disputeId"].Str());
        Assert.Equal(dispute["caseNumber"].Str(), complaint["caseNumber"].Str());
        Assert.Equal("America/Los_Angeles", complaint["timeZone"].Str());
        Assert.Equal("2025-03-19T07:00:00Z", complaint["deadlines"]!["response"]!["breachesAt"].Str());
        Assert.Contains(dispute["caseNumber"].Str(), complaint["steps"]![0]!["summary"].Str());
    }

    [Fact]
    public async Task a_dispute_of_another_account_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await Client.RegisterAccountAsync("acct-1001");
        await Client.RegisterAccountAsync("acct-2002");
        var theirs = await Client.OpenDisputeAsync(TestApi.Intake("acct-2002"));

        var response = await Client.PostJsonAsync("/api/complaints", ComplaintApi.Complaint("acct-1001", disputeId: theirs["disputeId"].Str()));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["disputeId"], problem.ErrorFields());
        Assert.Equal(0, await Service.ComplaintCountAsync());
    }

    [Fact]
    public async Task an_account_that_is_not_registered_is_refused_naming_the_field()
    {
        var response = await Client.PostJsonAsync("/api/complaints", ComplaintApi.Complaint("acct-unknown"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["accountId"], problem.ErrorFields());
        Assert.Equal(0, await Service.ComplaintCountAsync());
    }

    [Theory]
    [InlineData("category", "late_fees", "category")]
    [InlineData("category", null, "category")]
    [InlineData("channel", "pigeon", "channel")]
    [InlineData("description", "   ", "description")]
    [InlineData("accountId", null, "accountId")]
    [InlineData("receivedAt", "2025-03-04T15:00:00Z", "receivedAt")]
    [InlineData("disputeId", "not-a-dispute-id", "disputeId")]
    public async Task bad_input_is_refused_naming_the_field_and_nothing_is_stored(string field, string? value, string named)
    {
        await Client.RegisterAccountAsync();
        var body = ComplaintApi.Complaint();
        body[field] = value;

        var response = await Client.PostJsonAsync("/api/complaints", body);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        // A value of the wrong JSON type is refused by the body reader, which names the field by its path.
        Assert.True(problem.ErrorFields().Contains(named) || problem["detail"].Str().Contains($"$.{named}"), problem.ToJsonString());
        Assert.Equal(0, await Service.ComplaintCountAsync());
    }

    [Fact]
    public async Task an_unknown_category_is_refused_with_the_categories_there_are()
    {
        await Client.RegisterAccountAsync();
        var body = ComplaintApi.Complaint();
        body["category"] = "late_fees";

        var problem = await (await Client.PostJsonAsync("/api/complaints", body)).ProblemAsync(HttpStatusCode.BadRequest);

        var message = problem["errors"]!["category"]![0].Str();
        Assert.Contains("billing_dispute", message);
        Assert.Contains("fees_and_interest", message);
        Assert.Contains("other", message);
    }

    [Fact]
    public async Task a_card_number_in_the_cardmembers_words_is_refused_before_anything_is_stored()
    {
        await Client.RegisterAccountAsync();
        var body = ComplaintApi.Complaint();
        body["description"] = "They charged my card 4111 1111 1111 1111 twice";

        var response = await Client.PostJsonAsync("/api/complaints", body);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.DoesNotContain("4111", problem.ToJsonString());
        Assert.Equal(0, await Service.ComplaintCountAsync());
    }

    [Fact]
    public async Task only_an_agent_or_a_supervisor_logs_one()
    {
        await Client.RegisterAccountAsync();

        var response = await Service.ClientAs("compliance").PostJsonAsync("/api/complaints", ComplaintApi.Complaint());

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await Service.ComplaintCountAsync());
    }

    private static long Number(JsonObject complaint) => long.Parse(complaint["reference"].Str()[^6..], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^CMP-\d{4}-\d{6}$")]
    private static partial Regex Reference();
}
