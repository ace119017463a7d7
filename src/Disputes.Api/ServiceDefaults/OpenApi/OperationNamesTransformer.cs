using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Disputes.Api.ServiceDefaults.OpenApi;

/// <summary>
/// Every operation has an <c>operationId</c> and a <c>description</c>, as the OpenAPI linters require. Wolverine names
/// its endpoints <c>{METHOD}_{route}</c> (<c>POST_api_disputes_disputeId_notes</c>); an endpoint mapped otherwise
/// (the Development sign-in) gets a name built the same way, and an operation whose description is still empty is
/// described by its summary. Runs after <see cref="AccessAndProblemsTransformer"/>, which adds who may call it.
/// </summary>
public sealed partial class OperationNamesTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (string.IsNullOrWhiteSpace(operation.OperationId))
        {
            var route = RouteCharacters().Replace(description.RelativePath ?? "", "_").Trim('_');
            operation.OperationId = $"{description.HttpMethod ?? "GET"}_{route}";
        }

        if (string.IsNullOrWhiteSpace(operation.Description))
        {
            operation.Description = operation.Summary is { Length: > 0 } summary ? summary : operation.OperationId;
        }

        return Task.CompletedTask;
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex RouteCharacters();
}
