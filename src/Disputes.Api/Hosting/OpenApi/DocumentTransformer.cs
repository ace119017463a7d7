using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Disputes.Api.Hosting.OpenApi;

/// <summary>
/// The document as a whole: its title, the bearer security scheme, tags by area instead of by handler
/// class, and no schema for <c>IResult</c> (Wolverine describes an endpoint returning <see cref="IResult"/>
/// as answering that interface; it says nothing about the body, so it is dropped).
/// </summary>
public sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    private const string EndpointNamespace = "Disputes.Api.";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Disputes API";
        document.Info.Description =
            "Billing-error disputes under Regulation Z (12 CFR 1026.13). Every endpoint needs a bearer token (JWT) " +
            "whose role may call it; in Development, POST /api/dev/tokens issues one. Every refusal is application/problem+json (RFC 9457).";

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[DisputesOpenApi.BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with a 'role' claim (agent, supervisor, compliance, cardmember or integrator), 'sub', and for a cardmember one 'account' claim per account.",
        };

        var areas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var response in (operation.Responses ?? []).Values)
            {
                if (response.Content is { } content)
                {
                    foreach (var type in content.Where(c => c.Value.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }).Select(c => c.Key).ToList())
                    {
                        content.Remove(type);
                    }
                }
            }

            if (operation.Tags is { Count: > 0 } tags && tags.Select(t => t.Name).FirstOrDefault(n => n?.StartsWith(EndpointNamespace, StringComparison.Ordinal) == true) is { } handler)
            {
                var area = handler[EndpointNamespace.Length..].Split('.')[0];
                areas.Add(area);
                operation.Tags = new HashSet<OpenApiTagReference> { new(area, document) };
            }
        }

        document.Components.Schemas?.Remove("IResult");
        document.Tags = new HashSet<OpenApiTag>(
            (document.Tags ?? new HashSet<OpenApiTag>()).Where(t => t.Name?.StartsWith(EndpointNamespace, StringComparison.Ordinal) != true)
                .Concat(areas.Order(StringComparer.Ordinal).Select(a => new OpenApiTag { Name = a })));
        return Task.CompletedTask;
    }
}
