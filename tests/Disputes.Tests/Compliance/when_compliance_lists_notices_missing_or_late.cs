using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Domain.Clocks;
using Disputes.Projections.Compliance;
using Disputes.Tests.Infrastructure;
using Marten;
using NodaTime;
using Npgsql;
using Weasel.Core;
using Xunit;

namespace Disputes.Tests.Compliance;

/// <summary>
/// Rule book section 8: the report of acknowledgments and resolutions whose written notice is missing (nothing sent by the
/// due date, or a letter still waiting for the post) or late (sent after the due date), read from the clock rows.
/// Every dispute here was received 2025-03-03 in New York: acknowledgment due 04-02, resolution due 05-15.
/// </summary>
public sealed class when_compliance_lists_notices_missing_or_late(ServiceFixture fixture) : ServiceTest(fixture)
{
    private HttpClient Compliance => Service.ClientAs("compliance", "cco");

    private HttpClient Vendor => Service.ClientAs("integrator", "mail-vendor");

    private async Task<JsonObject> ReportAsync(string query = "")
    {
        var response = await Compliance.GetAsync($"/api/compliance/missing-or-late-notices{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    /// <summary>The vendor collects a batch now, and an hour later confirms it was mailed at <paramref name="mailedAt"/>.</summary>
    private async Task ConfirmBatchAsync(string mailedAt)
    {
        var batch = await (await Vendor.PostJsonAsync("/api/notices/print-batches", new JsonObject())).BodyAsync();
        Clock.SetNow(Clock.GetCurrentInstant() + NodaTime.Duration.FromHours(1));
        var confirmed = await Vendor.PostJsonAsync($"/api/notices/print-batches/{batch["batchId"]}/mailed", new JsonObject { ["mailedAt"] = mailedAt });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task each_acknowledgment_missing_waiting_for_the_post_sent_late_or_confirmed_too_late_is_listed_and_one_sent_in_time_is_not()
    {
        await Client.RegisterAccountAsync();
        var missing = await Client.OpenDisputeAsync();
        var sentLate = await Client.OpenDisputeAsync();
        var waiting = await Client.OpenDisputeAsync();
        var inTime = await Client.OpenDisputeAsync();
        var confirmedLate = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-20T15:00:00Z");
        await Client.StepAsync(inTime, "acknowledgment");
        await Client.StepAsync(confirmedLate, "acknowledgment", new JsonObject { ["channel"] = "postal" });
        Clock.SetNow("2025-03-25T15:00:00Z");
        var batch = await (await Vendor.PostJsonAsync("/api/notices/print-batches", new JsonObject())).BodyAsync();
        Clock.SetNow("2025-03-26T15:00:00Z");
        await Client.StepAsync(waiting, "acknowledgment", new JsonObject { ["channel"] = "postal" });
        Clock.SetNow("2025-04-05T15:00:00Z");
        await Client.StepAsync(sentLate, "acknowledgment");

        var report = await ReportAsync();

        var rows = report["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.Equal(4, (long)report["total"]!);
        var byCase = rows.ToDictionary(r => r["caseNumber"].Str());
        Assert.DoesNotContain(inTime["caseNumber"].Str(), byCase.Keys);
        Assert.All(rows, r => Assert.Equal(("acknowledgment", "2025-04-02"), (r["clock"].Str(), r["dueOn"].Str())));

        var none = byCase[missing["caseNumber"].Str()];
        Assert.Equal(("missing", 3), (none["lapse"].Str(), (int)none["daysLate"]!));
        Assert.Null(none["noticeId"]);

        var late = byCase[sentLate["caseNumber"].Str()];
        Assert.Equal(("sent_late", 3, "acknowledgment", "secure_message"), (late["lapse"].Str(), (int)late["daysLate"]!, late["noticeKind"].Str(), late["channel"].Str()));
        Assert.StartsWith("2025-04-05T15:00:00", late["sentAt"].Str());

        foreach (var (postal, queuedOn) in new[] { (waiting, "2025-03-26"), (confirmedLate, "2025-03-20") })
        {
            var row = byCase[postal["caseNumber"].Str()];
            Assert.Equal(("waiting_for_post", 3, "postal"), (row["lapse"].Str(), (int)row["daysLate"]!, row["channel"].Str()));
            Assert.StartsWith(queuedOn, row["queuedAt"].Str());
            Assert.Null(row["sentAt"]);
        }

        // The batch was mailed on 03-30, in time, but the vendor says so only now: the clock stays breached.
        var confirmation = await Vendor.PostJsonAsync($"/api/notices/print-batches/{batch["batchId"]}/mailed", new JsonObject { ["mailedAt"] = "2025-03-30T15:00:00Z" });
        Assert.True(confirmation.IsSuccessStatusCode, await confirmation.Content.ReadAsStringAsync());
        var confirmed = (await ReportAsync())["items"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(r => r["caseNumber"].Str());
        var mailedLate = confirmed[confirmedLate["caseNumber"].Str()];
        Assert.Equal(("confirmed_after_breach", 0), (mailedLate["lapse"].Str(), (int)mailedLate["daysLate"]!));
        Assert.StartsWith("2025-03-30T15:00:00", mailedLate["sentAt"].Str());
        Assert.Equal("waiting_for_post", confirmed[waiting["caseNumber"].Str()]["lapse"].Str());
    }

    [Fact]
    public async Task a_resolution_sent_after_its_due_date_is_late_for_both_clocks_and_one_filtered_by_clock_shows_only_that_clock()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-05-20T15:00:00Z");
        await Client.StepAsync(dispute, "resolution", new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m });

        var both = (await ReportAsync())["items"]!.AsArray();
        var resolutionOnly = Assert.Single((await ReportAsync("?clock=resolution"))["items"]!.AsArray())!;

        Assert.Equal(["acknowledgment:48", "resolution:5"], both.Select(r => $"{r!["clock"].Str()}:{(int)r["daysLate"]!}"));
        Assert.All(both, r => Assert.Equal(("sent_late", "correction"), (r!["lapse"].Str(), r["noticeKind"].Str())));
        Assert.Equal("resolution", resolutionOnly["clock"].Str());
        Assert.Equal(both[1]!["noticeId"].Str(), resolutionOnly["noticeId"].Str());
    }

    [Fact]
    public async Task a_postal_resolution_queued_in_time_and_mailed_in_time_is_not_listed()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-20T15:00:00Z");
        await Client.StepAsync(dispute, "resolution", new JsonObject { ["outcome"] = "corrected", ["creditedAmount"] = 127.43m, ["channel"] = "postal" });
        Assert.Equal(0, (long)(await ReportAsync())["total"]!);
        Clock.SetNow("2025-03-21T15:00:00Z");
        await ConfirmBatchAsync("2025-03-21T15:30:00Z");

        Assert.Equal(0, (long)(await ReportAsync())["total"]!);
    }

    [Fact]
    public async Task the_report_is_read_from_the_clock_rows_indexes()
    {
        // Seed the read model as a large portfolio would have it: most clocks met, some breached, a few pending.
        var rows = Enumerable.Range(0, 20_000).Select(i => new ClockRow
        {
            Id = $"{Guid.NewGuid()}/{(i % 2 == 0 ? "acknowledgment" : "resolution")}",
            DisputeId = Guid.NewGuid(),
            CaseNumber = $"DSP-2025-{i:000000}",
            AccountId = $"acct-{i % 500}",
            Clock = i % 2 == 0 ? ComplianceClock.Acknowledgment : ComplianceClock.Resolution,
            Status = i % 50 == 0 ? ClockStatus.Breached : i % 10 == 0 ? ClockStatus.Pending : ClockStatus.Met,
            DueOn = new LocalDate(2025, 1, 1).PlusDays(i % 365),
            BreachInstant = Instant.FromUtc(2025, 1, 2, 5, 0) + Duration.FromDays(i % 365),
            TimeZoneId = "America/New_York",
            Currency = "USD",
            Amount = 10m,
            State = DeadlineClock.NotApplicable(ComplianceClock.Acknowledgment),
        });
        await Service.Store.BulkInsertDocumentsAsync(rows, BulkInsertMode.OverwriteExisting);
        await Service.ScalarAsync<int>("analyze disputes.mt_doc_clockrow; select 1");

        var plan = await ExplainAsync(new MissingOrLateNoticesQuery(null, Instant.FromUtc(2025, 6, 1, 0, 0), 1, 50));

        // Both halves of the condition are found in an index leading with the status; no scan of the table.
        Assert.True(System.Text.RegularExpressions.Regex.Count(plan, @"Index Scan (on|using) ix_clockrow_status_\w+") >= 2, plan);
        Assert.Contains("ix_clockrow_status_breach_instant", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    private async Task<string> ExplainAsync(MissingOrLateNoticesQuery query)
    {
        var numbered = query.PageSql("disputes.mt_doc_clockrow");
        for (var i = 1; numbered.Contains('?'); i++)
        {
            var at = numbered.IndexOf('?');
            numbered = numbered[..at] + "$" + i + numbered[(at + 1)..];
        }

        await using var dataSource = DisputesStore.DataSource(Service.ConnectionString);
        await using var command = dataSource.CreateCommand($"explain {numbered}");
        foreach (var parameter in query.ToSql().Parameters)
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

    [Theory]
    [InlineData("?clock=filing")]
    [InlineData("?pageSize=0")]
    public async Task a_bad_filter_is_refused_with_a_problem(string query)
    {
        var response = await Compliance.GetAsync($"/api/compliance/missing-or-late-notices{query}");

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }
}
