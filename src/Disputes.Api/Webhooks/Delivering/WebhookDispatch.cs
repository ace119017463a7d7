using Disputes.Api.Webhooks.Subscribing;
using Disputes.Domain.Disputes;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using Wolverine;
using Wolverine.Marten.Subscriptions;

namespace Disputes.Api.Webhooks.Delivering;

/// <summary>
/// Derives the deliveries from the event log, in its order: a Marten subscription run by the async daemon (on one node
/// at a time, which Wolverine assigns), reading each page of dispute events after commit. For every event the catalogue
/// sends and every active subscription that wants it, it stores one <see cref="WebhookDelivery"/> and enqueues one
/// <see cref="DeliverWebhook"/>; for a disabled subscription that wants it, it stores the delivery as skipped, sending
/// nothing, so what the receiver missed can be replayed once it is enabled again. Both are written in the daemon's own transaction together with the subscription's
/// progress (Wolverine enlists the message bus in it as an outbox, and sends after commit), so each event becomes its
/// deliveries exactly once: a crash before commit leaves the page to be read again, one after leaves it read, with its
/// messages in the durable inbox. Intake never waits for any of it.
/// </summary>
public sealed class WebhookDispatch : BatchSubscription
{
    /// <summary>The subscription's name in Marten's progress table.</summary>
    public const string SubscriptionNameInStore = "WebhookDispatch";

    /// <summary>Reads only the events the catalogue derives from.</summary>
    public WebhookDispatch() : base(SubscriptionNameInStore)
    {
        foreach (var type in WebhookPayloads.SourceEvents)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override async Task ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus, CancellationToken cancellationToken)
    {
        var events = page.Events.Where(e => WebhookPayloads.SourceEvents.Contains(e.EventType)).ToList();
        if (events.Count == 0)
        {
            return;
        }

        var subscriptions = await operations.Query<WebhookSubscription>().ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var disputes = (await operations.LoadManyAsync<Dispute>(cancellationToken, events.Select(e => e.StreamId).Distinct()))
            .ToDictionary(d => d.Id);

        // A page read again (after a crash of the node between commit and acknowledgment of the page, or a rewind)
        // finds the deliveries it made the first time, by their derived ids, and makes none twice.
        var candidates = events.SelectMany(e => subscriptions.Select(s => WebhookDelivery.IdFor(s.Id, e.Id))).ToArray();
        var existing = (await operations.LoadManyAsync<WebhookDelivery>(cancellationToken, candidates)).Select(d => d.Id).ToHashSet();

        // The first delivery of each lane in this page gets a message; later ones of the same lane wait behind it. They
        // are committed together, so the earlier one cannot finish before the later ones exist, and its finish wakes them.
        var firstInPage = new Dictionary<(Guid Subscription, Guid Dispute), Guid>();
        foreach (var e in events)
        {
            if (!disputes.TryGetValue(e.StreamId, out var dispute) || WebhookPayloads.For(e, dispute) is not { } message)
            {
                continue;
            }

            foreach (var subscription in subscriptions.Where(s => s.Covers(message.Type, e.Sequence)))
            {
                var id = WebhookDelivery.IdFor(subscription.Id, e.Id);
                if (!existing.Add(id))
                {
                    continue;
                }

                var skipped = subscription.State != WebhookSubscriptionState.Active;
                var lane = (subscription.Id, dispute.Id);
                var before = skipped ? null : firstInPage.TryGetValue(lane, out var first) ? first : (Guid?)null;
                if (!skipped)
                {
                    firstInPage.TryAdd(lane, id);
                }

                operations.Insert(new WebhookDelivery
                {
                    Id = id,
                    SubscriptionId = subscription.Id,
                    DisputeId = dispute.Id,
                    EventId = e.Id,
                    Sequence = e.Sequence,
                    StreamVersion = e.Version,
                    EventType = message.Type,
                    Body = message.Body,
                    OccurredAt = message.OccurredAt,
                    RecordedAt = Instant.FromDateTimeOffset(e.Timestamp),
                    State = skipped ? WebhookDeliveryState.Skipped : before is null ? WebhookDeliveryState.Pending : WebhookDeliveryState.Held,
                    HeldBehind = before,
                    Ticket = 1,
                });
                if (!skipped && before is null)
                {
                    await bus.PublishAsync(new DeliverWebhook(id, 1));
                }
            }
        }
    }
}
