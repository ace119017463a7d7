using System.Net;
using System.Text.RegularExpressions;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Opening;

public sealed class when_opening_a_dispute_from_chat(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Fact]
    public async Task the_dispute_is_created_with_a_case_number_and_a_location()
    {
        await Client.RegisterAccountAsync();

        var response = await Client.PostJsonAsync("/api/disputes", TestApi.Intake());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Equal($"/api/disputes/{body["disputeId"]}", response.Headers.Location?.ToString());
        Assert.Matches(new Regex(@"^DSP-2025-\d{6}$"), body["caseNumber"].Str());
        Assert.Equal(2, (long)body["version"]!);
        Assert.Equal("open", body["status"].Str());
        Assert.Equal("chat", body["channel"].Str());
        Assert.Equal("1005", body["cardLast4"].Str());
    }

    [Fact]
    public async Task the_dispute_is_an_event_stream_in_postgresql()
    {
        await Client.RegisterAccountAsync();

        var body = await Client.OpenDisputeAsync();

        var type = await Service.ScalarAsync<string>(
            $"select type from disputes.mt_events where stream_id = '{body["disputeId"]}' and version = 1");
        Assert.Equal("dispute_opened", type);
    }

    [Fact]
    public async Task it_can_be_read_by_id_and_by_case_number()
    {
        await Client.RegisterAccountAsync();
        var opened = await Client.OpenDisputeAsync();

        var byId = await Client.GetDisputeAsync(opened);
        var byCase = await (await Client.GetAsync($"/api/disputes/by-case/{opened["caseNumber"]}")).BodyAsync();

        Assert.Equal(opened["disputeId"].Str(), byId["disputeId"].Str());
        Assert.Equal(opened["disputeId"].Str(), byCase["disputeId"].Str());
        Assert.Equal("dispute_opened", byId["steps"]![0]!["type"].Str());
        Assert.Equal("XYZ Store", byId["merchant"].Str());
        Assert.Equal(127.43m, (decimal)byId["amount"]!);
    }

    [Fact]
    public async Task case_numbers_are_unique_and_increasing()
    {
        await Client.RegisterAccountAsync();

        var first = await Client.OpenDisputeAsync();
        var second = await Client.OpenDisputeAsync();

        Assert.True(string.CompareOrdinal(first["caseNumber"].Str(), second["caseNumber"].Str()) < 0);
    }

    [Fact]
    public async Task the_receipt_defaults_to_now_from_the_service_clock()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-03-04T12:00:00Z");
        var intake = TestApi.Intake();
        intake.Remove("noticeReceivedAt");

        var body = await Client.OpenDisputeAsync(intake);

        Assert.StartsWith("2025-03-04T12:00", body["noticeReceivedAt"].Str());
        Assert.Equal("2025-03-04", body["receivedOn"].Str());
    }

    [Fact]
    public async Task unknown_disputes_and_cases_answer_404_with_problem_details()
    {
        await (await Client.GetAsync($"/api/disputes/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/api/disputes/by-case/DSP-2025-999999")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_unregistered_account_is_refused_with_422_and_nothing_is_stored()
    {
        var response = await Client.PostJsonAsync("/api/disputes", TestApi.Intake("acct-unknown"));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("acct-unknown", problem["detail"].Str());
        Assert.Equal(0, await Service.EventCountAsync());
    }
}
