using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Domain.Clocks;
using Disputes.Projections.Compliance;
using Disputes.Testing;
using Disputes.Tests.Infrastructure;
using Marten;
using NodaTime;
using Npgsql;
using Weasel.Core;
using Xunit;

namespace Disputes.Tests.Compliance;

public sealed class when_compliance_lists_deadlines(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<JsonObject> OpenReceivedAsync(string receivedAt, string accountId = "acct-1001")
    {
        var intake = TestApi.Intake(accountId);
        intake["noticeReceivedAt"] = receivedAt;
        return await Client.OpenDisputeAsync(intake);
    }

    private async Task<JsonObject> ListAsync(string query)
    {
        var response = await Service.ClientAs("compliance").GetAsync($"/api/compliance/deadlines?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.BodyAsync();
    }

    [Fact]
    public async Task clocks_are_filtered_by_kind_and_status_and_sorted_by_due_date()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-03-20T12:00:00Z");
        var late = await OpenReceivedAsync("2025-03-10T12:00:00Z");
        var early = await OpenReceivedAsync("2025-03-01T12:00:00Z");
        var acknowledged = await OpenReceivedAsync("2025-03-05T12:00:00Z");
        Assert.True((await Client.CommandAsync(acknowledged, "acknowledgment")).IsSuccessStatusCode);

        var page = await ListAsync("clock=acknowledgment&status=pending");

        var items = page["items"]!.AsArray();
        Assert.Equal([early["caseNumber"].Str(), late["caseNumber"].Str()], items.Select(i => i!["caseNumber"].Str()));
        Assert.Equal(["2025-03-31", "2025-04-09"], items.Select(i => i!["dueOn"].Str()));
        Assert.All(items, i => Assert.Equal("acknowledgment", i!["clock"].Str()));
        Assert.Equal(2, (long)page["total"]!);
        Assert.True((bool)page["totalIsExact"]!);
    }

    [Fact]
    public async Task clocks_are_filtered_by_due_date_range_and_account_and_paged()
    {
        await Client.RegisterAccountAsync();
        await Client.RegisterAccountAsync("acct-2002");
        Clock.SetNow("2025-03-20T12:00:00Z");
        await OpenReceivedAsync("2025-03-01T12:00:00Z");
        await OpenReceivedAsync("2025-03-02T12:00:00Z");
        await OpenReceivedAsync("2025-03-03T12:00:00Z");
        await OpenReceivedAsync("2025-03-04T12:00:00Z", "acct-2002");

        var inRange = await ListAsync("clock=acknowledgment&dueAfter=2025-04-01&dueBefore=2025-04-02&accountId=acct-1001");
        Assert.Equal(["2025-04-01", "2025-04-02"], inRange["items"]!.AsArray().Select(i => i!["dueOn"].Str()));

        var second = await ListAsync("clock=acknowledgment&accountId=acct-1001&page=2&pageSize=2");
        Assert.Equal(3, (long)second["total"]!);
        Assert.Equal(["2025-04-02"], second["items"]!.AsArray().Select(i => i!["dueOn"].Str()));
    }

    [Theory]
    [InlineData("clock=filing", "clock")]
    [InlineData("status=late", "status")]
    [InlineData("dueBefore=04/01/2025", "dueBefore")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task bad_filters_answer_400_naming_them(string query, string field)
    {
        var response = await Service.ClientAs("compliance").GetAsync($"/api/compliance/deadlines?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public async Task the_summary_counts_clocks_breaches_and_exposure_once_per_dispute()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-03-03T15:00:00Z");
        var small = TestApi.Intake();
        small["amount"] = 30m;
        var smallDispute = await Client.OpenDisputeAsync(small);
        Assert.True((await Client.CommandAsync(smallDispute, "finance-charges", new() { ["amount"] = 2m })).IsSuccessStatusCode);
        var bigDispute = await Client.OpenDisputeAsync();
        var quiet = await Client.OpenDisputeAsync();
        Assert.True((await Client.CommandAsync(quiet, "acknowledgment")).IsSuccessStatusCode);

        // Both clocks of the two unacknowledged disputes breach by mid-June; a note records them.
        Clock.SetNow("2025-06-20T12:00:00Z");
        Assert.True((await Client.CommandAsync(smallDispute, "notes", new() { ["text"] = "audit" }, version: 4)).IsSuccessStatusCode);
        Assert.True((await Client.CommandAsync(bigDispute, "notes", new() { ["text"] = "audit" })).IsSuccessStatusCode);

        // The counts and the exposure are kept by an asynchronous projection: wait until it has every event.
        var summary = await Eventually.UntilAsync(
            async () => await (await Service.ClientAs("compliance").GetAsync("/api/compliance/summary?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z")).BodyAsync(),
            s => (long)s["freshness"]!["eventsBehind"]! == 0, "the clock tally to catch up");


        Assert.Equal(4, (long)summary["breachedClocks"]!);
        Assert.Equal(2, (long)summary["breachedDisputes"]!);
        Assert.Equal(32m + 50m, (decimal)summary["totalForfeitureExposure"]!);
        var counts = summary["counts"]!.AsArray();
        long Count(string clock, string status) => counts
            .Where(c => c!["clock"].Str() == clock && c!["status"].Str() == status)
            .Sum(c => (long)c!["count"]!);
        Assert.Equal(2, Count("acknowledgment", "breached"));
        Assert.Equal(1, Count("acknowledgment", "met"));
        Assert.Equal(1, Count("resolution", "pending"));
    }

    [Fact]
    public async Task the_total_counts_up_to_ten_thousand_clocks_and_says_when_more_match()
    {
        // 10,001 pending acknowledgments: 10,000 of one account, one of another.
        await SeedClockRowsAsync(DeadlineListQuery.DefaultCountUpTo + 1, i => i == 0 ? "acct-one" : "acct-many",
            _ => ComplianceClock.Acknowledgment, _ => ClockStatus.Pending, i => new LocalDate(2025, 4, 1).PlusDays(i % 30));

        var every = await ListAsync("clock=acknowledgment&status=pending");
        Assert.Equal(10_000, (long)every["total"]!);
        Assert.False((bool)every["totalIsExact"]!);
        Assert.Equal(50, every["items"]!.AsArray().Count);

        var many = await ListAsync("accountId=acct-many");
        Assert.Equal(10_000, (long)many["total"]!);
        Assert.True((bool)many["totalIsExact"]!);

        var one = await ListAsync("accountId=acct-one");
        Assert.Equal(1, (long)one["total"]!);
        Assert.True((bool)one["totalIsExact"]!);
    }

    [Fact]
    public async Task the_deadline_list_is_answered_from_an_index()
    {
        // Seed the read model directly, as a large portfolio would have it, then ask PostgreSQL for its plan.
        await SeedClockRowsAsync(20_000, i => $"acct-{i % 500}",
            i => i % 2 == 0 ? ComplianceClock.Acknowledgment : ComplianceClock.Resolution,
            i => i % 10 == 0 ? ClockStatus.Pending : ClockStatus.Met, i => new LocalDate(2025, 1, 1).PlusDays(i % 365));
        await Service.ScalarAsync<int>("analyze disputes.mt_doc_clockrow; select 1");

        var query = new DeadlineListQuery(ComplianceClock.Acknowledgment, [ClockStatus.Pending],
            new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 31), null, 1, 50);
        var plan = await ExplainAsync(query);

        // Read in list order straight off the composite index: no scan of the table, no sort of its rows.
        Assert.Matches("Index Scan using ix_clockrow_(clock_)?status_due", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Sort", plan);

        var everyPending = await ExplainAsync(new DeadlineListQuery(null, [ClockStatus.Pending], null, null, null, 3, 50));
        Assert.Contains("Index Scan using ix_clockrow_status_due", everyPending);
        Assert.DoesNotContain("Sort", everyPending);

        var oneAccount = await ExplainAsync(new DeadlineListQuery(null, [], null, null, "acct-42", 1, 50));
        Assert.Contains("ix_clockrow_account_due", oneAccount);

        // The total is counted off an index rather than by a scan of the table.
        foreach (var counted in new[] { query, new DeadlineListQuery(null, [ClockStatus.Pending], null, null, null, 3, 50) })
        {
            var countPlan = await ExplainAsync(counted, count: true);
            Assert.True(countPlan.Contains("ix_clockrow_", StringComparison.Ordinal) && !countPlan.Contains("Seq Scan", StringComparison.Ordinal), countPlan);
        }
    }

    /// <summary>Writes <paramref name="count"/> clock rows straight into the read model, as a large portfolio would have them.</summary>
    private Task SeedClockRowsAsync(int count, Func<int, string> account, Func<int, ComplianceClock> clock, Func<int, ClockStatus> status,
        Func<int, LocalDate> dueOn) =>
        Service.Store.BulkInsertDocumentsAsync(Enumerable.Range(0, count).Select(i => new ClockRow
        {
            Id = $"{Guid.NewGuid()}/{clock(i).ToString().ToLowerInvariant()}",
            DisputeId = Guid.NewGuid(),
            CaseNumber = $"DSP-2025-{i:000000}",
            AccountId = account(i),
            Clock = clock(i),
            Status = status(i),
            DueOn = dueOn(i),
            TimeZoneId = "America/New_York",
            Currency = "USD",
            Amount = 10m,
            State = DeadlineClock.NotApplicable(ComplianceClock.Acknowledgment),
        }), BulkInsertMode.OverwriteExisting);

    private async Task<string> ExplainAsync(DeadlineListQuery query, bool count = false)
    {
        var parameters = query.ToSql().Parameters;
        var numbered = count ? query.CountSql("disputes.mt_doc_clockrow") : query.PageSql("disputes.mt_doc_clockrow");
        for (var i = 1; numbered.Contains('?'); i++)
        {
            var at = numbered.IndexOf('?');
            numbered = numbered[..at] + "$" + i + numbered[(at + 1)..];
        }

        await using var dataSource = DisputesStore.DataSource(Service.ConnectionString);
        await using var command = dataSource.CreateCommand(
            $"explain {numbered}");
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
