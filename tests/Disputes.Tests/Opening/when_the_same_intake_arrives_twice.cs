using System.Net;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Opening;

public sealed class when_the_same_intake_arrives_twice(ServiceFixture fixture) : ServiceTest(fixture)
{
    [Fact]
    public async Task the_second_call_answers_200_with_the_first_dispute()
    {
        await Client.RegisterAccountAsync();
        var intake = TestApi.Intake(chatSessionId: "chat-7f3a");
        var first = await Client.OpenDisputeAsync(intake);

        intake["description"] = "Same charge, asked again";
        var again = await Client.PostJsonAsync("/api/disputes", intake);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.BodyAsync();
        Assert.Equal(first["disputeId"].Str(), body["disputeId"].Str());
        Assert.Equal(first["caseNumber"].Str(), body["caseNumber"].Str());
        Assert.Equal(1, await Service.DisputeCountAsync());
    }

    [Fact]
    public async Task fifty_concurrent_duplicates_yield_one_dispute()
    {
        await Client.RegisterAccountAsync();
        var intake = TestApi.Intake(chatSessionId: "chat-race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Client.PostJsonAsync("/api/disputes", intake)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.BodyAsync())["disputeId"].Str()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await Service.DisputeCountAsync());
        Assert.Equal(2, await Service.EventCountAsync());
    }

    [Fact]
    public async Task another_transaction_in_the_same_chat_is_another_dispute()
    {
        await Client.RegisterAccountAsync();
        var first = await Client.OpenDisputeAsync(TestApi.Intake(chatSessionId: "chat-1"));
        var other = TestApi.Intake(chatSessionId: "chat-1");
        other["amount"] = 20.00m;

        var second = await Client.OpenDisputeAsync(other);

        Assert.NotEqual(first["disputeId"].Str(), second["disputeId"].Str());
    }
}
