using Disputes.Domain.Accounts;
using Disputes.Domain.BillingCycles;
using Disputes.Domain.Complaints;
using Disputes.Domain.Complaints.Closing;
using Disputes.Domain.Complaints.Logging;
using Disputes.Domain.Complaints.Responding;
using Disputes.Domain.Complaints.Reviewing;
using Disputes.Domain.Disputes;
using NodaTime;

namespace Disputes.Domain.Tests.Complaints;

/// <summary>The complaints the specs start from, and the steps taken on them.</summary>
internal static class Complaints
{
    /// <summary>An account in <paramref name="zoneId"/>.</summary>
    public static Account Account(string accountId = "acct-1001", string zoneId = "America/New_York") =>
        Domain.Accounts.Account.Start(Streams.StreamIds.ForAccount(accountId),
            new AccountRegistered(accountId, zoneId, new MonthlyClosingDay(15), Instant.FromUtc(2025, 1, 1, 0, 0)));

    /// <summary>A complaint received at <paramref name="receivedAt"/> on an account in <paramref name="zoneId"/>, about no dispute.</summary>
    public static Complaint ReceivedAt(Instant receivedAt, string zoneId = "America/New_York") =>
        Complaint.Start(Log(receivedAt).Decide(Account(zoneId: zoneId), null, Guid.NewGuid(), "CMP-2025-000001", receivedAt));

    /// <summary>A complaint received at noon on <paramref name="receivedOn"/> in New York.</summary>
    public static Complaint ReceivedOn(LocalDate receivedOn) =>
        ReceivedAt(DateTimeZoneProviders.Tzdb["America/New_York"].AtStartOfDay(receivedOn).ToInstant() + Duration.FromHours(12));

    /// <summary>The request to log a complaint about billing, received at <paramref name="receivedAt"/>.</summary>
    public static LogComplaint Log(Instant receivedAt, Guid? disputeId = null, string accountId = "acct-1001") =>
        new(accountId, disputeId, ComplaintCategory.BillingDispute, "Nobody called me back about my dispute", ComplaintChannel.Chat, receivedAt);

    /// <summary><paramref name="complaint"/> after <paramref name="events"/>.</summary>
    public static Complaint After(this Complaint complaint, IEnumerable<object> events) => events.Aggregate(complaint, (c, e) => c.Evolve(e));

    public static Complaint Reviewed(this Complaint complaint, Instant at) => complaint.After(ReviewComplaint.Decide(complaint, at));

    public static Complaint Responded(this Complaint complaint, Instant at, string text = "We are sorry; your dispute is with our specialists.") =>
        complaint.After(RespondToComplaint.Decide(complaint, text, at));

    public static Complaint Closed(this Complaint complaint, Instant at) => complaint.After(CloseComplaint.Decide(complaint, at));

    /// <summary>The instant at <paramref name="hour"/>:<paramref name="minute"/> on <paramref name="date"/> in New York.</summary>
    public static Instant NewYork(LocalDate date, int hour, int minute = 0) =>
        date.At(new LocalTime(hour, minute)).InZoneStrictly(DateTimeZoneProviders.Tzdb["America/New_York"]).ToInstant();

    /// <summary>A dispute on <paramref name="accountId"/> opened in <paramref name="zoneId"/>.</summary>
    public static Dispute Dispute(string accountId, string zoneId) => Given.DisputeReceivedOn(new LocalDate(2025, 3, 3), zoneId) with { AccountId = accountId };
}
