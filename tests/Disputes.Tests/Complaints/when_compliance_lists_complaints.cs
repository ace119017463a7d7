using System.Net;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Domain.Complaints;
using Disputes.Projections.Complaints;
using Disputes.Tests.Infrastructure;
using Marten;
using NodaTime;
using Npgsql;
using Weasel.Core;
using Xunit;

namespace Disputes.Tests.Complaints;

/// <summary>The complaints at risk and overdue, as compliance officers list them, read from the indexed complaint rows.</summary>
public sealed class when_compliance_lists_complaints(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<JsonObject> ListAsync(string query)
    {
        var response = await Service.ClientAs("compliance").GetAsync($"/api/compliance/complaints?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.BodyAsync();
    }

    private static IEnumerable<string> References(JsonObject page) => page["items"]!.AsArray().Select(i => i!["reference"].Str());

    private async Task<JsonObject> LogReceivedAsync(string receivedAt, string? disputeId = null) =>
        await Client.LogComplaintAsync(ComplaintApi.Complaint(receivedAt: receivedAt, disputeId: disputeId));

    [Fact]
    public async Task a_complaint_is_at_risk_in_the_week_before_its_response_is_due_and_overdue_after_it()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-03-20T12:00:00Z");
        // New York: received 03-01 is due 03-16 (passed); 03-06 is due 03-21 (in two days); 03-12 due 03-27 (in eight).
        var overdue = await LogReceivedAsync("2025-03-01T15:00:00Z");
        var atRisk = await LogReceivedAsync("2025-03-06T15:00:00Z");
        var later = await LogReceivedAsync("2025-03-12T15:00:00Z");

        var risk = await ListAsync("status=at_risk");
        var late = await ListAsync("status=overdue");

        Assert.Equal([atRisk["reference"].Str()], References(risk));
        Assert.Equal(7, (int)risk["withinDays"]!);
        Assert.Equal("response", risk["items"]![0]!["nextDeadline"].Str());
        Assert.Equal("2025-03-21", risk["items"]![0]!["nextDueOn"].Str());
        Assert.Equal([overdue["reference"].Str()], References(late));
        Assert.Equal("2025-03-17T04:00:00Z", late["items"]![0]!["nextBreachesAt"].Str());

        var wider = await ListAsync("status=at_risk&withinDays=10");
        Assert.Equal([atRisk["reference"].Str(), later["reference"].Str()], References(wider));
    }

    [Fact]
    public async Task an_answered_complaint_leaves_the_overdue_list_and_is_watched_for_its_final_answer()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-03-20T12:00:00Z");
        var complaint = await LogReceivedAsync("2025-03-01T15:00:00Z");
        Assert.Single(References(await ListAsync("status=overdue")));

        var answered = await Client.ComplaintStepAsync(complaint, "response", new() { ["text"] = "Refunded." });

        Assert.Equal("breached", answered["deadlines"]!["response"]!["status"].Str());
        Assert.Empty(References(await ListAsync("status=overdue")));
        // The final answer is due 04-30: at risk from 04-24 on, overdue from May 1 (New York).
        Clock.SetNow("2025-04-25T12:00:00Z");
        var risk = await ListAsync("status=at_risk");
        Assert.Equal([complaint["reference"].Str()], References(risk));
        Assert.Equal("final_response", risk["items"]![0]!["nextDeadline"].Str());
        Clock.SetNow("2025-05-01T12:00:00Z");
        Assert.Equal([complaint["reference"].Str()], References(await ListAsync("status=overdue")));
    }

    [Fact]
    public async Task open_lists_every_complaint_not_closed_the_first_to_breach_first_and_all_lists_every_one_newest_first()
    {
        await Client.RegisterAccountAsync();
        var dispute = await Client.OpenDisputeAsync();
        Clock.SetNow("2025-03-20T12:00:00Z");
        var first = await LogReceivedAsync("2025-03-01T15:00:00Z");
        var second = await LogReceivedAsync("2025-03-06T15:00:00Z", dispute["disputeId"].Str());
        var closed = await LogReceivedAsync("2025-03-10T15:00:00Z");
        await Client.ComplaintStepAsync(await Client.ComplaintStepAsync(closed, "response", new() { ["text"] = "Refunded." }), "closing");

        var open = await ListAsync("status=open");
        var all = await ListAsync("status=all");

        Assert.Equal([first["reference"].Str(), second["reference"].Str()], References(open));
        Assert.Equal(2, (long)open["total"]!);
        Assert.Equal([closed["reference"].Str(), second["reference"].Str(), first["reference"].Str()], References(all));
        var linked = open["items"]!.AsArray().Single(i => i!["reference"].Str() == second["reference"].Str())!;
        Assert.Equal(dispute["disputeId"].Str(), linked["disputeId"].Str());
        Assert.Equal(dispute["caseNumber"].Str(), linked["caseNumber"].Str());
    }

    [Fact]
    public async Task a_complaint_closed_late_is_on_no_list_but_its_breach_stays_on_record()
    {
        await Client.RegisterAccountAsync();
        var complaint = await Client.LogComplaintAsync();
        Clock.SetNow("2025-05-10T12:00:00Z");
        var answered = await Client.ComplaintStepAsync(complaint, "response", new() { ["text"] = "Refunded." });

        var closed = await Client.ComplaintStepAsync(answered, "closing");

        Assert.Equal("breached", closed["deadlines"]!["response"]!["status"].Str());
        Assert.Equal("breached", closed["deadlines"]!["finalResponse"]!["status"].Str());
        Assert.Empty(References(await ListAsync("status=overdue")));
        Assert.Empty(References(await ListAsync("status=at_risk&withinDays=60")));
        Assert.Single(References(await ListAsync("status=all")));
    }

    [Theory]
    [InlineData("status=late", "status")]
    [InlineData("withinDays=0", "withinDays")]
    [InlineData("withinDays=61", "withinDays")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task bad_filters_answer_400_naming_them(string query, string field)
    {
        var response = await Service.ClientAs("compliance").GetAsync($"/api/compliance/complaints?{query}");

        Assert.Contains(field, (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields());
    }

    [Fact]
    public async Task the_lists_are_paged_with_the_total()
    {
        await Client.RegisterAccountAsync();
        Clock.SetNow("2025-03-20T12:00:00Z");
        for (var day = 1; day <= 3; day++)
        {
            await LogReceivedAsync($"2025-03-0{day}T15:00:00Z");
        }

        var second = await ListAsync("status=overdue&page=2&pageSize=2");

        Assert.Equal(3, (long)second["total"]!);
        Assert.Single(References(second));
        Assert.Equal("2025-03-18", second["items"]![0]!["nextDueOn"].Str());
    }

    [Fact]
    public async Task the_lists_are_answered_from_indexes_in_list_order()
    {
        // Seed the read model directly, as a large book of complaints would have it, then ask PostgreSQL for its plans.
        var start = Instant.FromUtc(2024, 1, 1, 15, 0);
        var rows = Enumerable.Range(0, 20_000).Select(i =>
        {
            var receivedAt = start + Duration.FromHours(i);
            var received = DateTimeZoneProviders.Tzdb["America/New_York"];
            var on = receivedAt.InZone(received).Date;
            var complaint = Complaint.Start(new ComplaintReceived(
                Guid.NewGuid(), $"CMP-2024-{i:000000}", $"acct-{i % 500}", null, null, ComplaintCategory.Other, "Seeded", ComplaintChannel.Chat,
                receivedAt, on, received.Id, ComplaintResponseRule.ResponseDueOn(on), ComplaintResponseRule.FinalResponseDueOn(on), receivedAt));
            // Most of the book is closed, as it would be.
            if (i % 10 != 0)
            {
                complaint = complaint.Evolve(new ComplaintResponded("Answered", receivedAt + Duration.FromDays(3)))
                    .Evolve(new ComplaintClosed(receivedAt + Duration.FromDays(4)));
            }

            return ComplaintRow.From(complaint);
        });
        await Service.Store.BulkInsertDocumentsAsync(rows, BulkInsertMode.OverwriteExisting);
        await Service.ScalarAsync<int>("analyze disputes.mt_doc_complaintrow; select 1");
        var now = Instant.FromUtc(2025, 6, 1, 0, 0);

        foreach (var list in new[] { ComplaintList.AtRisk, ComplaintList.Overdue, ComplaintList.Open })
        {
            var plan = await ExplainAsync(new ComplaintListQuery(list, now, Duration.FromDays(7), 1, 50));
            Assert.Matches("Index (Only )?Scan using ix_complaintrow_(open_)?next_breach", plan);
            Assert.DoesNotContain("Seq Scan", plan);
            Assert.DoesNotContain("Sort", plan);
        }

        var all = await ExplainAsync(new ComplaintListQuery(ComplaintList.All, now, Duration.FromDays(7), 1, 50));
        Assert.Contains("ix_complaintrow_received", all);
        Assert.DoesNotContain("Sort", all);
    }

    private async Task<string> ExplainAsync(ComplaintListQuery query)
    {
        var parameters = query.ToSql().Parameters;
        var numbered = query.PageSql("disputes.mt_doc_complaintrow");
        for (var i = 1; numbered.Contains('?'); i++)
        {
            var at = numbered.IndexOf('?');
            numbered = numbered[..at] + "$" + i + numbered[(at + 1)..];
        }

        await using var dataSource = DisputesStore.DataSource(Service.ConnectionString);
        await using var command = dataSource.CreateCommand($"explain {numbered}");
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
