using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Audiences;

public sealed class when_a_cardmember_asks_for_another_accounts_dispute(ServiceFixture fixture) : ServiceTest(fixture)
{
    private const string UnknownCase = "DSP-2025-999999";

    /// <summary>A cardmember of account A; B's dispute is the one asked for.</summary>
    private HttpClient CardmemberOfA => Service.ClientAs("cardmember", "cm-a", "acct-1001");

    private async Task<JsonObject> OpenOnBAsync()
    {
        await Client.RegisterAccountAsync();
        await Client.RegisterAccountAsync("acct-2002");
        await Client.OpenDisputeAsync(); // A's own dispute, so A is a real cardmember with a case
        return await Client.OpenDisputeAsync(TestApi.Intake("acct-2002"));
    }

    /// <summary>The parts of a 404 a client sees, with the case number asked for taken out.</summary>
    private static async Task<string> ShapeOfAsync(HttpResponseMessage response, string caseNumber)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        problem.Remove("traceId");
        return problem.ToJsonString().Replace(caseNumber, "{case}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task reading_it_answers_404_exactly_like_a_case_that_does_not_exist()
    {
        var theirs = await OpenOnBAsync();

        var asked = await CardmemberOfA.GetAsync($"/api/me/disputes/{theirs["caseNumber"]}");
        var unknown = await CardmemberOfA.GetAsync($"/api/me/disputes/{UnknownCase}");

        Assert.Equal(await ShapeOfAsync(unknown, UnknownCase), await ShapeOfAsync(asked, theirs["caseNumber"].Str()));
        var body = await asked.Content.ReadAsStringAsync();
        Assert.DoesNotContain("acct-2002", body);
        Assert.DoesNotContain("XYZ", body);
    }

    [Fact]
    public async Task it_is_not_in_the_cardmembers_list()
    {
        var theirs = await OpenOnBAsync();

        var list = await (await CardmemberOfA.GetAsync("/api/me/disputes")).BodyAsync();

        var cases = list["disputes"]!.AsArray().Select(d => d!["caseNumber"].Str()).ToList();
        Assert.Single(cases);
        Assert.DoesNotContain(theirs["caseNumber"].Str(), cases);
    }

    [Fact]
    public async Task withdrawing_it_answers_404_and_leaves_it_unchanged()
    {
        var theirs = await OpenOnBAsync();
        var events = await Service.EventCountAsync();

        var asked = await CardmemberOfA.PostJsonAsync($"/api/me/disputes/{theirs["caseNumber"]}/withdraw", new JsonObject { ["reason"] = "not mine" });
        var unknown = await CardmemberOfA.PostJsonAsync($"/api/me/disputes/{UnknownCase}/withdraw", new JsonObject { ["reason"] = "not mine" });

        Assert.Equal(await ShapeOfAsync(unknown, UnknownCase), await ShapeOfAsync(asked, theirs["caseNumber"].Str()));
        var after = await Client.GetDisputeAsync(theirs);
        Assert.Equal("open", after["status"].Str());
        Assert.Equal(2, (long)after["version"]!);
        Assert.Equal("pending", after["deadlines"]!["acknowledgment"]!["status"].Str());
        Assert.Equal("pending", after["deadlines"]!["resolution"]!["status"].Str());
        Assert.Equal(events, await Service.EventCountAsync());
    }

    [Fact]
    public async Task the_owner_of_b_does_see_it()
    {
        var theirs = await OpenOnBAsync();

        var response = await Service.ClientAs("cardmember", "cm-b", "acct-2002").GetAsync($"/api/me/disputes/{theirs["caseNumber"]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = await response.BodyAsync();
        Assert.Equal(theirs["caseNumber"].Str(), seen["caseNumber"].Str());
        Assert.Equal("XYZ Store", seen["merchant"].Str());
    }
}
