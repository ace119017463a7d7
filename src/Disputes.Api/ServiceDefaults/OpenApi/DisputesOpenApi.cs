using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Disputes.Api.ServiceDefaults.OpenApi;

/// <summary>
/// The OpenAPI description (<c>/openapi/v1.json</c>) and its interactive page (<c>/docs</c>, Development):
/// every endpoint with the bearer token it needs, who may call it, and its problem-details answers.
/// </summary>
public static class DisputesOpenApi
{
    /// <summary>The document's name, as <c>AddOpenApi()</c> registers it by default.</summary>
    public const string DocumentName = "v1";

    /// <summary>The security scheme's name in the document.</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>Adds the transformers to the document registered by <c>AddOpenApi()</c>.</summary>
    public static IServiceCollection AddDisputesOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.AddSchemaTransformer<SchemaTransformer>();
            options.AddOperationTransformer<AccessAndProblemsTransformer>();
            options.AddOperationTransformer<OperationNamesTransformer>();
            options.AddDocumentTransformer<DocumentTransformer>();
            options.AddDocumentTransformer<Webhooks.WebhookCatalogueDocument>();
        });

    /// <summary>The interactive page: titled, and sending the bearer token pasted into it.</summary>
    public static void ConfigureScalar(ScalarOptions options) =>
        options.WithTitle("Disputes API").AddPreferredSecuritySchemes([BearerScheme]);
}
