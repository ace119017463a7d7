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
    /// The options (private addresses and plain http allowed by default in Development and Testing only), the guard, the
    /// courier and its <see cref="HttpClient"/>: a short timeout, no redirects followed (a redirect could lead anywhere,
    /// past the address check), no proxy (the check must see the real destination), and the guard's connection step.
    /// </summary>
    public static WebhookOptions AddDisputesWebhooks(this WebApplicationBuilder builder)
    {
        var local = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        var settings = builder.Configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).PostConfigure(options =>
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
        return settings;
    }

    /// <summary>The dispatch, run by the async daemon on the node Wolverine assigns it to.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddWebhookDispatch(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.SubscribeToEvents(new WebhookDispatch());

    /// <summary>Routes the deliveries to their own durable local queue, several at a time.</summary>
    public static void AddWebhookDelivery(this WolverineOptions options, WebhookOptions settings)
    {
        options.PublishMessage<DeliverWebhook>().ToLocalQueue(DeliveryQueue);
        options.LocalQueue(DeliveryQueue).UseDurableInbox().MaximumParallelMessages(settings.ParallelDeliveries);
    }

    /// <summary>The webhook documents; their columns and indexes: <see cref="WebhookDeliveryStorage"/>.</summary>
    public static StoreOptions AddWebhookStorage(this StoreOptions options)
    {
        options.Schema.For<WebhookSubscription>();
        options.Schema.For<WebhookDelivery>();
        return options;
    }
}
