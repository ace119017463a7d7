using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Compliance;

public sealed class when_reporting_breaches(ServiceFixture fixture) : ServiceTest(fixture)
{
    // An account id that needs RFC 4180 quoting: a comma and a double quote.
    private const string AwkwardAccount = "acct \"7\", north";

    private HttpClient Compliance => Service.ClientAs("compliance");

    /// <summary>
    /// Two disputes that breach both clocks (one of 30 + 2 finance charges, one of 127.43 capped at 50) and
    /// one acknowledged in time whose breaches are never recorded.
    /// </summary>
    private async Task<(JsonObject Small, JsonObject Big)> SeedAsync()
    {
        await Client.RegisterAccountAsync();
        await Client.RegisterAccountAsync(Uri.EscapeDataString(AwkwardAccount));
        var small = TestApi.Intake();
        small["amount"] = 30m;
        var smallDispute = await Client.OpenDisputeAsync(small);
        Assert.True((await Client.CommandAsync(smallDispute, "finance-charges", new() { ["amount"] = 2m })).IsSuccessStatusCode);
        var bigDispute = await Client.OpenDisputeAsync(TestApi.Intake(AwkwardAccount));
        var quiet = await Client.OpenDisputeAsync();
        Assert.True((await Client.CommandAsync(quiet, "acknowledgment")).IsSuccessStatusCode);

        // A note in June records both breaches of each of the two disputes.
        Clock.SetNow("2025-06-20T12:00:00Z");
        Assert.True((await Client.CommandAsync(smallDispute, "notes", new() { ["text"] = "audit" }, version: 4)).IsSuccessStatusCode);
        Assert.True((await Client.CommandAsync(bigDispute, "notes", new() { ["text"] = "audit" })).IsSuccessStatusCode);
        return (smallDispute, bigDispute);
    }

    [Fact]
    public async Task each_breach_is_listed_and_the_exposure_is_counted_once_per_dispute()
    {
        var (small, big) = await SeedAsync();

        var response = await Compliance.GetAsync("/api/compliance/breaches?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.BodyAsync();
        var items = report["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(4, items.Count);
        Assert.Equal(4, (int)report["breachedClocks"]!);
        Assert.Equal(2, (int)report["breachedDisputes"]!);
        Assert.Equal(32m + 50m, (decimal)report["totalForfeitureExposure"]!);
        Assert.Equal(["acknowledgment", "acknowledgment", "resolution", "resolution"], items.Select(i => i["clock"].Str()));
        Assert.True(items.Select(i => i["breachedAt"].Str()).SequenceEqual(items.Select(i => i["breachedAt"].Str()).Order()));

        var smallAck = items.Single(i => i["caseNumber"].Str() == small["caseNumber"].Str() && i["clock"].Str() == "acknowledgment");
        Assert.Equal(small["disputeId"].Str(), smallAck["disputeId"].Str());
        Assert.Equal("acct-1001", smallAck["accountId"].Str());
        Assert.Equal("2025-04-02", smallAck["dueOn"].Str());
        Assert.Equal("2025-04-03T04:00:00Z", smallAck["breachedAt"].Str());
        Assert.Equal(30m, (decimal)smallAck["amount"]!);
        Assert.Equal("USD", smallAck["currency"].Str());
        Assert.Equal(32m, (decimal)smallAck["forfeitureExposure"]!);
        Assert.All(items.Where(i => i["caseNumber"].Str() == big["caseNumber"].Str()), i => Assert.Equal(50m, (decimal)i["forfeitureExposure"]!));
    }

    [Fact]
    public async Task the_period_includes_its_start_and_excludes_its_end()
    {
        await SeedAsync();

        var fromTheBreach = await (await Compliance.GetAsync("/api/compliance/breaches?from=2025-04-03T04:00:00Z&to=2025-04-04T00:00:00Z")).BodyAsync();
        var untilTheBreach = await (await Compliance.GetAsync("/api/compliance/breaches?from=2025-04-01T00:00:00Z&to=2025-04-03T04:00:00Z")).BodyAsync();

        Assert.Equal(2, fromTheBreach["items"]!.AsArray().Count);
        Assert.Empty(untilTheBreach["items"]!.AsArray());
        Assert.Equal(0m, (decimal)untilTheBreach["totalForfeitureExposure"]!);
    }

    [Fact]
    public async Task the_same_rows_come_as_csv_with_a_header_and_rfc_4180_quoting()
    {
        var (small, big) = await SeedAsync();
        var json = await (await Compliance.GetAsync("/api/compliance/breaches?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z")).BodyAsync();

        var response = await Compliance.GetAsync("/api/compliance/breaches?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", csv);
        var rows = ParseCsv(csv);
        Assert.Equal(["disputeId", "caseNumber", "accountId", "clock", "dueOn", "breachedAt", "amount", "currency", "forfeitureExposure"], rows[0]);
        Assert.Equal(
            json["items"]!.AsArray().Select(i => i!.AsObject()).Select(i => string.Join("|", i["disputeId"].Str(), i["caseNumber"].Str(), i["accountId"].Str(), i["clock"].Str(),
                i["dueOn"].Str(), i["breachedAt"].Str(), Money(i["amount"]), i["currency"].Str(), Money(i["forfeitureExposure"]))),
            rows[1..].Select(r => string.Join("|", r)));
        Assert.Contains($"{small["disputeId"]},{small["caseNumber"]},acct-1001,acknowledgment,2025-04-02,2025-04-03T04:00:00Z,30.00,USD,32.00\r\n", csv);
        Assert.Contains($"{big["disputeId"]},{big["caseNumber"]},\"acct \"\"7\"\", north\",acknowledgment,2025-04-02,2025-04-03T04:00:00Z,127.43,USD,50.00\r\n", csv);
    }

    [Theory]
    [InlineData("=SUM(1,2)")]
    [InlineData("+1+cmd")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public async Task a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string account)
    {
        await Client.RegisterAccountAsync(Uri.EscapeDataString(account));
        var dispute = await Client.OpenDisputeAsync(TestApi.Intake(account));
        Clock.SetNow("2025-06-20T12:00:00Z");
        Assert.True((await Client.CommandAsync(dispute, "notes", new() { ["text"] = "audit" })).IsSuccessStatusCode);

        var csv = await (await Compliance.GetAsync("/api/compliance/breaches?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z&format=csv"))
            .Content.ReadAsStringAsync();

        var cells = ParseCsv(csv)[1..].Select(row => row[2]).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, cell => Assert.Equal("'" + account, cell));
    }

    private static string Money(JsonNode? amount) => ((decimal)amount!).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads RFC 4180 CSV: CRLF between records, fields in double quotes may hold commas, quotes ("") and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "A bare line break outside quotes.");
                field.Append(c);
            }
        }

        Assert.False(quoted, "An unterminated quoted field.");
        Assert.Empty(fields);
        return records;
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("from=2025-05-01T00:00:00Z&to=2025-04-01T00:00:00Z", "from")]
    [InlineData("from=2025-05-01T00:00:00Z&to=2025-05-01T00:00:00Z", "from")]
    [InlineData("from=last-week", "from")]
    [InlineData("to=2025-05-01", "to")]
    public async Task bad_parameters_answer_400_naming_them(string query, string field)
    {
        var response = await Compliance.GetAsync($"/api/compliance/breaches?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task without_a_period_it_reports_the_last_30_days()
    {
        await SeedAsync();
        Clock.SetNow("2025-04-20T00:00:00Z");

        var report = await (await Compliance.GetAsync("/api/compliance/breaches")).BodyAsync();

        Assert.Equal("2025-03-21T00:00:00Z", report["from"].Str()[..19] + "Z");
        Assert.Equal(["acknowledgment", "acknowledgment"], report["items"]!.AsArray().Select(i => i!["clock"].Str()));
    }
}
