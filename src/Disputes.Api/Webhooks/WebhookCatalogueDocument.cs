using Disputes.Api.Webhooks.Delivering;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Disputes.Api.Webhooks;

/// <summary>
/// Describes the event catalogue in the OpenAPI document's <c>webhooks</c> (OpenAPI 3.1): one entry per event type, the
/// request the service sends (its JSON body and the three Standard Webhooks headers) and what the receiver's answer
/// leads to. The entries are built from <see cref="WebhookCatalogue.All"/>, so the document cannot drift from what is sent.
/// </summary>
public sealed class WebhookCatalogueDocument : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var type in WebhookCatalogue.All)
        {
            var payload = typeof(WebhookPayload<>).MakeGenericType(type.Data);
            var name = $"Webhook_{type.Name.Replace('.', '_')}";
            var schema = await context.GetOrCreateSchemaAsync(payload, null, cancellationToken);
            document.AddComponent(name, schema);

            var operation = new OpenApiOperation
            {
                OperationId = name,
                // The service calls the receiver; it is authenticated by the Standard Webhooks signature, not a bearer token.
                Security = [],
                Summary = type.Name,
                Description = $"{type.Description}\n\nSent as a POST to each subscription that asked for `{type.Name}`, signed per Standard Webhooks "
                    + "(see docs/webhooks.md). The payload is thin: ids, the case number, the type, the instant and the figures; never free text.",
                Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                Parameters =
                [
                    Header(WebhookSignature.IdHeader, "The message id, `msg_...`: the same on every retry and replay of this delivery; deduplicate on it."),
                    Header(WebhookSignature.TimestampHeader, "When this attempt was sent, in Unix seconds; reject one far from your clock."),
                    Header(WebhookSignature.SignatureHeader,
                        "`v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded secret (after `whsec_`); "
                        + "during a rotation's 24-hour overlap, one signature per valid secret, space-separated. Accept the request when any matches."),
                ],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, document) } },
                },
                Responses = new OpenApiResponses
                {
                    ["2XX"] = new OpenApiResponse { Description = "Received; the delivery is done." },
                    ["410"] = new OpenApiResponse { Description = "Gone: the subscription is disabled and nothing more is sent to it." },
                    ["429"] = new OpenApiResponse { Description = "Retried with exponential backoff and jitter for about three days (Retry-After honoured), as are 408, 5xx and timeouts (10 s)." },
                    ["4XX"] = new OpenApiResponse { Description = "Any other 4xx (or a redirect, never followed): recorded as failed, not retried." },
                },
            };
            document.Webhooks[type.Name] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
        }
    }

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
