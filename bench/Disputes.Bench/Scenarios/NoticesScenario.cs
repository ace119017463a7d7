using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Disputes.Api.Notices;
using Disputes.Bench.Infrastructure;
using Disputes.Bench.Service;
using Disputes.Bench.Workload;
using Disputes.Domain.Disputes;
using Disputes.Domain.Notices;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Disputes.Bench.Scenarios;

/// <summary>
/// <c>notices</c>: what issuing a written notice adds to the command that issues it (rule book section 8; the goal:
/// at most 20 ms at p50). <c>POST /api/disputes/{id}/acknowledgment</c>, which renders the acknowledgment from its
/// template to HTML and PDF, screens it and stores it with its <c>notice_issued</c> event, against
/// <c>POST /api/disputes/{id}/notes</c>, the same command pipeline (the dispute loaded for writing, one event appended,
/// the same commit) with no letter; the two alternate on one client, one request at a time, so both see the same
/// machine. Beside them, the plain render of the same template in process (<see cref="NoticeRenderer.Render"/>, no
/// HTTP, no database): what the letter costs before it is stored.
/// </summary>
public sealed class NoticesScenario : IScenario
{
    private const int WarmupPairs = 20;

    public string Name => "notices";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellation)
    {
        var commands = context.Scale.NoticeCommands;
        var accounts = BenchAccounts.Create(8);
        var acknowledgments = new List<double>(commands);
        var notes = new List<double>(commands);
        var renders = new List<double>(commands);
        long errors = 0;
        long pdfBytes = 0;
        string templateVersion;
        await using (var service = await ServiceHost.StartAsync(context.ConnectionString, 2, cancellation: cancellation))
        {
            await BenchAccounts.RegisterAsync(service.Client, accounts, cancellation);
            var requests = new IntakeRequests(accounts);
            var total = 2 * (WarmupPairs + commands) + 1;
            context.Progress.Line($"notices: opening {total} disputes through the API");
            var opened = new List<(Guid Id, long Version)>(total);
            for (var i = 0; i < total; i++)
            {
                opened.Add(await OpenAsync(service.Client, requests.Next(), cancellation));
            }

            var order = new Random(20261203);
            await using (context.Progress.Every("notices", () => $"{acknowledgments.Count} acknowledgments and {notes.Count} notes measured"))
            {
                for (var pair = 0; pair < WarmupPairs + commands; pair++)
                {
                    var (acknowledged, noted) = (opened[2 * pair], opened[(2 * pair) + 1]);
                    var measured = pair >= WarmupPairs;

                    // Which of the two goes first changes at random, so neither always follows the other's commit.
                    var acknowledgeFirst = order.Next(2) == 0;
                    for (var step = 0; step < 2; step++)
                    {
                        var acknowledge = step == 0 == acknowledgeFirst;
                        var (ms, ok) = acknowledge
                            ? await CommandAsync(service.Client, acknowledged, "acknowledgment", $$"""{"expectedVersion":{{acknowledged.Version}}}""", cancellation)
                            : await CommandAsync(service.Client, noted, "notes", $$"""{"text":"Benchmark note: the cardmember called back.","expectedVersion":{{noted.Version}}}""", cancellation);
                        errors += ok ? 0 : 1;
                        if (measured && ok)
                        {
                            (acknowledge ? acknowledgments : notes).Add(ms);
                        }
                    }
                }
            }

            // The plain render of the same template, for a dispute as it stood before its acknowledgment.
            var renderer = service.Services.GetRequiredService<NoticeRenderer>();
            var issuer = service.Services.GetRequiredService<NoticeIssuer>();
            await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            var unacknowledged = await session.LoadAsync<Dispute>(opened[^1].Id, cancellation)
                ?? throw new InvalidOperationException("The last dispute opened is not stored.");
            var content = AcknowledgmentNotice.For(unacknowledged, issuer, SystemClock.Instance.GetCurrentInstant());
            templateVersion = renderer.TemplateVersion(NoticeKind.Acknowledgment, unacknowledged.Language);
            for (var i = 0; i < WarmupPairs + commands; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                var rendered = renderer.Render(content, unacknowledged.Language);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= WarmupPairs)
                {
                    renders.Add(ms);
                    pdfBytes += rendered.Pdf.Length;
                }
            }
        }

        var acknowledgment = LatencySummary.Of(acknowledgments);
        var note = LatencySummary.Of(notes);
        var render = LatencySummary.Of(renders);
        var addedP50 = Math.Round(acknowledgment.P50 - note.P50, 2);
        context.Progress.Line($"notices: acknowledgment p50 {acknowledgment.P50:0.0} ms, note p50 {note.P50:0.0} ms, render p50 {render.P50:0.0} ms");
        var figures = new NoticesFigures(commands, errors, templateVersion, acknowledgment, note, render, addedP50,
            Math.Round(acknowledgment.P95 - note.P95, 2), renders.Count == 0 ? 0 : pdfBytes / renders.Count);
        return new ScenarioResult(
        [
            ResultRow.Compare("p50 ms, acknowledgment with its letter vs a note (no letter)", acknowledgment.P50, note.P50, "N1"),
            ResultRow.Compare("p95 ms, acknowledgment with its letter vs a note (no letter)", acknowledgment.P95, note.P95, "N1"),
            ResultRow.Single("p50 ms the letter adds to the command (goal: at most 20)", addedP50, "N1"),
            ResultRow.Compare("p50 ms, plain render of the acknowledgment (HTML + PDF) vs what the letter adds", render.P50, addedP50, "N1"),
            ResultRow.Single("PDF bytes per acknowledgment", figures.PdfBytes),
            new ResultRow("commands measured / errors", $"{acknowledgments.Count + notes.Count} / {errors}"),
        ], figures,
        [
            $"One client on loopback, one request at a time: {commands} acknowledgments and {commands} notes, alternating in a random order, after {WarmupPairs} pairs not counted; each on a dispute of its own, opened through POST /api/disputes first.",
            "The acknowledgment (secure message) renders the letter from its Liquid template (Fluid) to HTML and to a PDF (PDFsharp, the fonts shipped), screens the text, and inserts the stored letter in the transaction of its notice_issued event; the note appends one event in the same command pipeline with no letter. What the letter adds is the difference of the two p50s.",
            $"The render baseline is NoticeRenderer.Render of the same template ({templateVersion}) for one of these disputes, in process, {commands} times after {WarmupPairs} not counted: the letter's cost before it is stored.",
        ]);
    }

    private static async Task<(Guid Id, long Version)> OpenAsync(HttpClient client, IntakeRequests.Intake intake, CancellationToken cancellation)
    {
        using var content = intake.ToContent();
        using var response = await client.PostAsync("/api/disputes", content, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST /api/disputes answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("disputeId").GetGuid(), json.RootElement.GetProperty("version").GetInt64());
    }

    private static async Task<(double Milliseconds, bool Ok)> CommandAsync(
        HttpClient client, (Guid Id, long Version) dispute, string step, string body, CancellationToken cancellation)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var started = Stopwatch.GetTimestamp();
        using var response = await client.PostAsync($"/api/disputes/{dispute.Id}/{step}", content, cancellation);
        await response.Content.LoadIntoBufferAsync(cancellation);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (ms, response.StatusCode == HttpStatusCode.OK);
    }
}

/// <summary>The figures of <c>notices</c>.</summary>
/// <param name="Commands">Acknowledgments measured, and notes measured.</param>
/// <param name="Errors">Commands that did not answer 200.</param>
/// <param name="TemplateVersion">The acknowledgment template's version.</param>
/// <param name="Acknowledgment">Latency of the acknowledgment with its letter, ms.</param>
/// <param name="Note">Latency of a note (same pipeline, no letter), ms.</param>
/// <param name="Render">Latency of the plain render of the acknowledgment in process, ms.</param>
/// <param name="AddedP50Ms">What the letter adds at p50: the acknowledgment's p50 less the note's, ms.</param>
/// <param name="AddedP95Ms">The same at p95, ms.</param>
/// <param name="PdfBytes">Average size of the acknowledgment's PDF.</param>
public sealed record NoticesFigures(
    int Commands, long Errors, string TemplateVersion, LatencySummary Acknowledgment, LatencySummary Note, LatencySummary Render,
    double AddedP50Ms, double AddedP95Ms, long PdfBytes);
