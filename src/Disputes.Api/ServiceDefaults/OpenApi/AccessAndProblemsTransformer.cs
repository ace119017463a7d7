using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Disputes.Api.ServiceDefaults.OpenApi;

/// <summary>
/// Describes who may call each operation and how it refuses: the bearer requirement and the roles of its
/// policy, 401 and 403, and the RFC 9457 problem answers it gives. An endpoint that declares its answers
/// itself (<c>[ProducesResponseType(typeof(ProblemDetails), 404, "application/problem+json")]</c>) keeps them;
/// for one that declares none they are inferred from the shape of its route, as the service's conventions
/// make them: a route parameter can name something unknown (404; a PUT creates it instead), a body can be
/// invalid (400), too large (413) or hold sensitive data (422), a command on a dispute can conflict (409) or
/// lack its version (428), and the list queries validate their filters and paging (400). An anonymous operation says
/// so: <c>security: []</c> and a line in its description.
/// </summary>
public sealed partial class AccessAndProblemsTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";
    private const string Anonymous = "Anonymous: no token is needed.";

    /// <inheritdoc />
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= [];

        var problem = await SchemaReferenceAsync(context, typeof(ProblemDetails), cancellationToken);
        var validation = await SchemaReferenceAsync(context, typeof(HttpValidationProblemDetails), cancellationToken);
        var route = description.RelativePath ?? "";
        var method = description.HttpMethod ?? "GET";
        var hasRouteParameter = RouteParameter().IsMatch(route);

        // Wolverine describes a bare 404 on every endpoint; only a route naming something that may be unknown
        // answers it, and a PUT creates what it names.
        var mayBeUnknown = hasRouteParameter && method != "PUT";
        if (!mayBeUnknown && operation.Responses.TryGetValue("404", out var notFound) && notFound.Content is not { Count: > 0 })
        {
            operation.Responses.Remove("404");
        }

        // Wolverine adds response metadata of its own to every endpoint; only the attribute is the endpoint's word.
        if (!metadata.OfType<ProducesResponseTypeAttribute>().Any())
        {
            if (mayBeUnknown)
            {
                AddProblem(operation, 404, Conventional(404, method)!, problem);
            }

            if (method is "POST" or "PUT" or "PATCH")
            {
                AddProblem(operation, 400, Conventional(400, method)!, validation);
                AddProblem(operation, 413, Conventional(413, method)!, problem);
                AddProblem(operation, 422, Conventional(422, method)!, validation);
                if (route.Contains("{disputeId}", StringComparison.Ordinal))
                {
                    AddProblem(operation, 409, Conventional(409, method)!, problem);
                    AddProblem(operation, 428, Conventional(428, method)!, problem);
                }
                else if (route.Contains("{complaintId}", StringComparison.Ordinal))
                {
                    AddProblem(operation, 409, "The step is not allowed now ('rule' names why), or the complaint changed since the version sent.", problem);
                    AddProblem(operation, 428, Conventional(428, method)!, problem);
                }
            }
            else if (!hasRouteParameter)
            {
                AddProblem(operation, 400, Conventional(400, method)!, validation);
            }
        }

        // An answer the endpoint declared with its status alone is described as the service's conventions make it,
        // instead of by the status's reason phrase ("Bad Request").
        foreach (var (key, answer) in operation.Responses)
        {
            if (answer is OpenApiResponse response && int.TryParse(key, out var status)
                && (string.IsNullOrEmpty(response.Description) || response.Description == ReasonPhrases.GetReasonPhrase(status))
                && Conventional(status, method) is { } conventional)
            {
                response.Description = conventional;
            }
        }

        if (metadata.OfType<IAllowAnonymous>().Any() && route.StartsWith("api/", StringComparison.Ordinal))
        {
            // An API operation open on purpose (the evidence upload, whose link is its credential) says so.
            const string open = "Roles: none; no token is sent (the address itself is the credential).";
            operation.Security = [];
            operation.Description = string.IsNullOrEmpty(operation.Description) ? open : $"{operation.Description}\n\n{open}";
            return;
        }

        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            // Said outright (an empty list of requirements), so no reader takes it for a forgotten one.
            operation.Security = [];
            operation.Description = string.IsNullOrEmpty(operation.Description) ? Anonymous : $"{operation.Description}\n\n{Anonymous}";
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(DisputesOpenApi.BearerScheme, document)] = [] });
        AddProblem(operation, 401, "No token, or the token is not valid.", problem);
        AddProblem(operation, 403, "The token's role may not do this.", problem);

        // The roles come from the registered policies themselves, so the description cannot drift from them.
        var policies = context.ApplicationServices.GetRequiredService<IAuthorizationPolicyProvider>();
        var roles = new List<string>();
        foreach (var authorize in metadata.OfType<IAuthorizeData>())
        {
            var policy = authorize.Policy is { } name ? await policies.GetPolicyAsync(name) : null;
            roles.AddRange(policy?.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles)
                ?? authorize.Roles?.Split(',', StringSplitOptions.TrimEntries) ?? []);
        }

        if (roles.Count > 0)
        {
            var who = $"Roles: {string.Join(", ", roles.Distinct())}.";
            operation.Description = string.IsNullOrEmpty(operation.Description) || operation.Description == operation.OperationId
                ? who
                : $"{operation.Description}\n\n{who}";
        }
    }

    /// <summary>What a refusal of <paramref name="status"/> means throughout the service, where it means one thing.</summary>
    private static string? Conventional(int status, string method) => status switch
    {
        400 when method is "GET" => "A filter or paging parameter is malformed; 'errors' names each.",
        400 => "The request has invalid fields; 'errors' names each.",
        404 => "Not found: the path names nothing the caller may see.",
        409 => "The step is not allowed now ('rule' names why), or the dispute changed since the version sent.",
        413 => "The request body is too large.",
        422 => "Free text holds sensitive data, or the request cannot be processed as it stands.",
        428 => "The version the command was decided on is missing.",
        _ => null,
    };

    private static void AddProblem(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing.Content?.ContainsKey(ProblemJson) == true)
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } known && known != ReasonPhrases.GetReasonPhrase(status) ? known : description,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
        };
    }

    private static async Task<IOpenApiSchema> SchemaReferenceAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellation)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, null, cancellation);
        context.Document!.AddComponent(type.Name, schema);
        return new OpenApiSchemaReference(type.Name, context.Document);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
