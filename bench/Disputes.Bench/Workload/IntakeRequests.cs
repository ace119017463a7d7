using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Disputes.Domain.Streams;
using NodaTime;

namespace Disputes.Bench.Workload;

/// <summary>
/// Bodies of <c>POST /api/disputes</c>, every one a new dispute (its own chat session): the published contract,
/// receipt now (the field is left out), the statement 5 days ago, the charge 10 days ago.
/// </summary>
public sealed class IntakeRequests(IReadOnlyList<BenchAccount> accounts)
{
    private static readonly string[] Reasons = ["unauthorized", "wrong_amount", "not_received", "not_as_agreed", "credit_not_applied"];
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly LocalDate _today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
    private long _next;

    /// <summary>A new intake; <see cref="Intake.DisputeId"/> is the stream id the service will give it.</summary>
    public Intake Next()
    {
        var sequence = Interlocked.Increment(ref _next);
        var account = accounts[(int)(sequence % accounts.Count)];
        var chatSession = $"bench-{_run}x{sequence}"; // no digit run joined by "-": the service screens ids for card numbers
        var merchant = $"Merchant {sequence % 997}";
        var amount = 5m + sequence % 90_000 / 100m;
        var transactionDate = _today.PlusDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var statementDate = _today.PlusDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var body = $$"""
            {"accountId":"{{account.AccountId}}","cardLast4":"{{1000 + sequence % 9000}}","chatSessionId":"{{chatSession}}","reason":"{{Reasons[sequence % Reasons.Length]}}","merchant":"{{merchant}}","amount":{{amount.ToString("0.00", CultureInfo.InvariantCulture)}},"currency":"USD","transactionDate":"{{transactionDate}}","statementTransmittedOn":"{{statementDate}}","description":"Benchmark intake: I do not recognise this charge."}
            """;
        return new Intake(StreamIds.ForIntake(account.AccountId, chatSession, merchant, amount, transactionDate), body);
    }

    /// <summary>One request body and the dispute id it maps to.</summary>
    public sealed record Intake(Guid DisputeId, string Body)
    {
        public HttpContent ToContent()
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            content.Headers.ContentType = Json;
            return content;
        }
    }
}
