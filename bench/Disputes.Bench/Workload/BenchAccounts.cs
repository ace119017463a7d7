using System.Globalization;
using System.Net.Http.Json;
using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using NodaTime;

namespace Disputes.Bench.Workload;

/// <summary>A card account of the benchmark portfolio.</summary>
/// <param name="AccountId">e.g. <c>acct-0042</c>.</param>
/// <param name="TimeZoneId">IANA zone.</param>
/// <param name="ClosingDay">Monthly closing day.</param>
public sealed record BenchAccount(string AccountId, string TimeZoneId, int ClosingDay)
{
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZoneId];

    public AccountRegistered Registered(Instant at) => new(AccountId, TimeZoneId, new MonthlyClosingDay(ClosingDay), at);
}

/// <summary>The accounts disputes are opened on: US zones and UTC, closing days 1-28.</summary>
public static class BenchAccounts
{
    private static readonly string[] Zones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix", "America/Anchorage",
        "Pacific/Honolulu", "Etc/UTC",
    ];

    public static IReadOnlyList<BenchAccount> Create(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new BenchAccount($"acct-{i.ToString("0000", CultureInfo.InvariantCulture)}", Zones[i % Zones.Length], 1 + i * 7 % 28))
            .ToList();

    /// <summary>Registers every account through <c>PUT /api/accounts/{id}</c>, eight at a time.</summary>
    public static Task RegisterAsync(HttpClient client, IEnumerable<BenchAccount> accounts, CancellationToken cancellation) =>
        Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellation }, async (account, ct) =>
        {
            using var response = await client.PutAsJsonAsync($"/api/accounts/{account.AccountId}",
                new { timeZone = account.TimeZoneId, billingCycle = new { closingDay = account.ClosingDay } }, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"PUT /api/accounts/{account.AccountId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
}
