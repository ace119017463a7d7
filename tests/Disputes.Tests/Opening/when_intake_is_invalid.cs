using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Opening;

public sealed class when_intake_is_invalid(ServiceFixture fixture) : ServiceTest(fixture)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.RegisterAccountAsync();
    }

    public static TheoryData<string, string, JsonNode?> BadFields => new()
    {
        { "accountId", "accountId", null },
        { "cardLast4", "cardLast4", null },
        { "cardLast4", "cardLast4", "123" },
        { "cardLast4", "cardLast4", "12a4" },
        { "cardLast4", "cardLast4", "41111" },
        { "chatSessionId", "chatSessionId", null },
        { "reason", "reason", null },
        { "reason", "reason", "buyers_remorse" },
        { "merchant", "merchant", null },
        { "merchant", "merchant", "   " },
        { "amount", "amount", null },
        { "amount", "amount", 0 },
        { "amount", "amount", -5 },
        { "amount", "amount", 12.345m },
        { "amount", "amount", "twelve" },
        { "currency", "currency", null },
        { "currency", "currency", "XYZ" },
        { "currency", "currency", "usd" },
        { "currency", "currency", "EUR" },
        { "originalAmount", "originalCurrency", 99.5m },
        { "originalCurrency", "originalAmount", "EUR" },
        { "transactionDate", "transactionDate", null },
        { "transactionDate", "transactionDate", "2025-02-30" },
        { "statementTransmittedOn", "statementTransmittedOn", "2025-02-30" },
        { "noticeReceivedAt", "noticeReceivedAt", "2025-03-03T15:00:01Z" },
        { "noticeReceivedAt", "noticeReceivedAt", "yesterday" },
        { "description", "description", null },
        { "description", "description", new string('x', 4001) },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task a_bad_field_answers_400_naming_it_and_stores_nothing(string field, string named, JsonNode? value)
    {
        Clock.SetNow("2025-03-03T15:00:00Z");
        var intake = TestApi.Intake();
        if (value is null)
        {
            intake.Remove(field);
        }
        else
        {
            intake[field] = value.DeepClone();
        }

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        // Values of the wrong JSON type are refused by the body reader, which names the field by its path.
        Assert.True(problem.ErrorFields().Contains(named) || problem["detail"].Str().Contains($"$.{named}"), problem.ToJsonString());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task every_bad_field_is_named_in_one_answer()
    {
        var intake = TestApi.Intake();
        intake["amount"] = -1;
        intake["cardLast4"] = "12";
        intake["reason"] = "nope";

        var problem = await (await Client.PostJsonAsync("/api/disputes", intake)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["amount", "cardLast4", "reason"], problem.ErrorFields().Order());
    }

    [Fact]
    public async Task a_transaction_after_the_statement_is_refused()
    {
        var intake = TestApi.Intake();
        intake["transactionDate"] = "2025-02-20";

        var problem = await (await Client.PostJsonAsync("/api/disputes", intake)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("transactionDate", problem.ErrorFields());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_statement_after_the_receipt_is_refused_using_the_accounts_local_date()
    {
        // 2025-03-01T03:00Z is still 2025-02-28 in New York: a statement of 03-01 comes after the receipt.
        var intake = TestApi.Intake();
        intake["statementTransmittedOn"] = "2025-03-01";
        intake["noticeReceivedAt"] = "2025-03-01T03:00:00Z";

        var problem = await (await Client.PostJsonAsync("/api/disputes", intake)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("statementTransmittedOn", problem.ErrorFields());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Theory]
    [InlineData("{\"accountId\": \"acct-1001\", ")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    public async Task malformed_json_answers_400(string body)
    {
        var response = await Client.PostAsync("/api/disputes", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task an_oversized_body_is_refused_before_it_is_read()
    {
        var intake = TestApi.Intake();
        intake["description"] = new string('a', 200_000);
        var content = new StringContent(intake.ToJsonString(), Encoding.UTF8, "application/json");
        content.Headers.ContentLength = Encoding.UTF8.GetByteCount(intake.ToJsonString());

        var response = await Client.PostAsync("/api/disputes", content);

        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await Service.EventCountAsync());
    }
}
