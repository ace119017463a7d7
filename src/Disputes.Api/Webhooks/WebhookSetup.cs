using Disputes.Api.Hosting;
using Disputes.Api.Webhooks.Delivering;
using Disputes.Api.Webhooks.Subscribing;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Disputes.Api.Webhooks;

/// <summary>Registers the webhooks: options, the SSRF guard, the sending client, the documents, the dispatch and the queue.</summary>
public static class WebhookSetup
{
    /// <summary>The durable local queue deliveries are sent from, apart from the timers' so a slow receiver never delays a breach.</summary>
    public const string DeliveryQueue = "webhook-deliveries";

    /// <summary>
    /// The dispatch from the event log (run by the async daemon on the node Wolverine assigns it to, so intake never
    /// waits for a receiver), the durable local queue of the deliveries, the options (private addresses and plain http allowed by default in Development and Testing only), the guard, the
    /// courier and its <see cref="HttpClient"/>: a short timeout, no redirects followed (a redirect could lead anywhere,
    /// past the address check), no proxy (the check must see the real destination), and the guard's connection step.
    /// </summary>
    public static void AddDisputesWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.SubscribeToEvents(new WebhookDispatch());
        var local = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        var settings = builder.AddSettings<WebhookOptions>();
        builder.Services.PostConfigure<WebhookOptions>(options =>
        {
            options.AllowPrivateAddresses ??= local;
            options.AllowPlainHttp ??= local;
        });
        builder.Services.AddSingleton<WebhookDestinations>();
        builder.Services.AddSingleton<WebhookCourier>();
        builder.Services.AddHttpClient(WebhookCourier.ClientName, client => client.Timeout = settings.Timeout)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = services.GetRequiredService<WebhookDestinations>().ConnectAsync,
                ConnectTimeout = settings.Timeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            // The default request logging writes each URL, and a receiver's URL may carry its own access token.
            .RemoveAllLoggers();
        builder.Services.ConfigureWolverine(options =>
        {
            options.PublishMessage<DeliverWebhook>().ToLocalQueue(DeliveryQueue);
            options.LocalQueue(DeliveryQueue).UseDurableInbox().MaximumParallelMessages(settings.ParallelDeliveries);
        });
    }

    /// <summary>The webhook documents; their columns and indexes: <see cref="WebhookDeliveryStorage"/>.</summary>
    public static StoreOptions AddWebhookStorage(this StoreOptions options)
    {
        options.Schema.For<WebhookSubscription>();
        options.Schema.For<WebhookDelivery>();
        return options;
    }
}
