using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Disputes.Api.ServiceDefaults.OpenApi;

/// <summary>
/// The document as a whole: its title, licence and (relative) server, the bearer security scheme, tags by area
/// instead of by handler class, each described, and no schema for <c>IResult</c> (Wolverine describes an endpoint returning <see cref="IResult"/>
/// as answering that interface; it says nothing about the body, so it is dropped).
/// </summary>
public sealed class DocumentTransformer : IOpenApiDocumentTransformer
{
    private const string EndpointNamespace = "Disputes.Api.";

    /// <summary>What each area's tag groups: an area is the first namespace under <c>Disputes.Api</c>.</summary>
    private static readonly Dictionary<string, string> AreaDescriptions = new(StringComparer.Ordinal)
    {
        ["Accounts"] = "Accounts: the time zone, billing-cycle calendar, payment period and autopay date that intake and the clocks are decided from, and the audited correction of a past closing.",
        ["Cardmembers"] = "The cardmember's own disputes, worded in English or Spanish, and their withdrawal.",
        ["Complaints"] = "Formal complaints: logging one from chat, the steps on it (review, response, closing, reopening), its 15- and 60-day deadlines, the compliance lists at risk and overdue with each complaint's history, and the cardmember's own list in English or Spanish.",
        ["Compliance"] = "Deadline lists, the summary, daily totals, calendar attention and the audit: each dispute's and account's history, a dispute's state as of an instant, the breach report.",
        ["Development"] = "Development only: sign-in with a token for any role. The route does not exist in any other environment.",
        ["Disputes"] = "Opening a dispute from chat, reading it, the agents' work queue, and every step an agent takes on it.",
        ["Evidence"] = "Upload links for a dispute's evidence, the cardmember's upload through one, and the files as staff list and download them.",
        ["Holds"] = "Activity on an account reported by the systems that collect, debit, report or restrict, judged against each dispute's billing-error hold.",
        ["Notices"] = "The written notices a dispute sent (acknowledgment, request for documents, correction, explanation), read or downloaded from their hash-checked copies.",
        ["Webhooks"] = "Subscriptions of downstream systems to signed webhooks, their secrets, delivery logs and replays.",
    };

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Disputes API";
        document.Info.Description =
            "Billing-error disputes under Regulation Z (12 CFR 1026.13). Every endpoint needs a bearer token (JWT) " +
            "whose role may call it; in Development, POST /api/dev/tokens issues one. Every refusal is application/problem+json (RFC 9457).";

        document.Info.License = new OpenApiLicense { Name = "Proprietary: all rights reserved", Identifier = "LicenseRef-Proprietary" };

        // Relative, so the description holds wherever the service is reached (a node, nginx in front, a test server)
        // instead of naming the host that happened to ask for it.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The service that serves this description." }];

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
        foreach (var (type, format) in SchemaTransformer.Formats)
        {
            if (document.Components.Schemas is { } schemas && schemas.TryGetValue(type.Name, out var known) && known is OpenApiSchema { Type: null } value)
            {
                value.Type = JsonSchemaType.String;
                value.Format = format;
            }
        }

        document.Tags = new HashSet<OpenApiTag>(
            (document.Tags ?? new HashSet<OpenApiTag>()).Where(t => t.Name?.StartsWith(EndpointNamespace, StringComparison.Ordinal) != true)
                .Concat(areas.Order(StringComparer.Ordinal).Select(a => new OpenApiTag { Name = a })));
        foreach (var tag in document.Tags)
        {
            // A new area without a description is left without one, so the lint test names it.
            if (string.IsNullOrEmpty(tag.Description) && tag.Name is { } name && AreaDescriptions.TryGetValue(name, out var what))
            {
                tag.Description = what;
            }
        }

        return Task.CompletedTask;
    }
}
