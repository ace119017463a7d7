using NodaTime;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>
/// When a failed delivery is tried again: exponential backoff with jitter, for about three days, and never sooner than
/// the receiver's own <c>Retry-After</c> asks (up to a day).
/// </summary>
public static class WebhookRetries
{
    /// <summary>
    /// The standard waits: 10 s, 30 s, 2 min, 10 min, 30 min, then doubling from 1 h to 16 h, 16 h again and 24 h: 13
    /// attempts over 71 h 42 min. Early retries are quick because most outages are a restart; later ones are sparse so a
    /// receiver that is down for a weekend is not hammered.
    /// </summary>
    public static IReadOnlyList<TimeSpan> Standard { get; } =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(16),
        TimeSpan.FromHours(16), TimeSpan.FromHours(24),
    ];

    /// <summary>The longest <c>Retry-After</c> honoured.</summary>
    public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromHours(24);

    /// <summary>
    /// The wait before the retry after <paramref name="failedAttempts"/> failed attempts of one round, or null when
    /// the schedule is used up and the delivery is abandoned. Each wait is spread by ±20 % (jitter), so deliveries that
    /// failed together during an outage do not all return at the same instant.
    /// </summary>
    public static Duration? After(int failedAttempts, IReadOnlyList<TimeSpan> delays, TimeSpan? retryAfter, Random random)
    {
        if (failedAttempts < 1 || failedAttempts > delays.Count)
        {
            return null;
        }

        var wait = delays[failedAttempts - 1] * (0.8 + (0.4 * random.NextDouble()));
        if (retryAfter is { } asked && asked > wait)
        {
            wait = asked < LongestRetryAfter ? asked : LongestRetryAfter;
        }

        return Duration.FromTimeSpan(wait);
    }
}
