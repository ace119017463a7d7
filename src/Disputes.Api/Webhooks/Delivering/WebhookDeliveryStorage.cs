using Marten.Schema;
using NpgsqlTypes;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>
/// The delivery table's duplicated columns and its indexes, one per query shape: a lane's deliveries in event order
/// (the ordering check and the wake-up), a subscription's log newest first, and a time-range replay.
/// </summary>
internal static class WebhookDeliveryStorage
{
    /// <summary>Subscription, dispute, sequence: "the earliest unfinished delivery of this lane".</summary>
    public const string ByLane = "ix_webhookdelivery_lane";

    /// <summary>Subscription, sequence: the delivery log, newest first.</summary>
    public const string BySubscription = "ix_webhookdelivery_subscription";

    /// <summary>Subscription, recorded instant: a time-range replay.</summary>
    public const string ByRecordedAt = "ix_webhookdelivery_recorded_at";

    /// <summary>Duplicates the filtered members into columns and replaces Marten's one-column indexes with the three above.</summary>
    public static void Configure(DocumentMapping<WebhookDelivery> deliveries)
    {
        deliveries.Duplicate(d => d.SubscriptionId);
        deliveries.Duplicate(d => d.DisputeId);
        deliveries.Duplicate(d => d.Sequence, pgType: "bigint", dbType: NpgsqlDbType.Bigint);
        deliveries.Duplicate(d => d.State, pgType: "varchar(16)");
        deliveries.Duplicate(d => d.RecordedAt, pgType: "timestamp with time zone", dbType: NpgsqlDbType.TimestampTz);

        deliveries.Indexes.Clear();
        deliveries.Indexes.Add(new DocumentIndex(deliveries, "subscription_id", "dispute_id", "sequence") { Name = ByLane });
        deliveries.Indexes.Add(new DocumentIndex(deliveries, "subscription_id", "sequence") { Name = BySubscription });
        deliveries.Indexes.Add(new DocumentIndex(deliveries, "subscription_id", "recorded_at") { Name = ByRecordedAt });
    }
}
