using System.Text.Json;
using System.Text.Json.Nodes;
using Disputes.Api.ServiceDefaults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Disputes.Api.ServiceDefaults.OpenApi;

/// <summary>
/// Schemas as the JSON carries them. The NodaTime types have converters of their own, so the generator knows nothing
/// of them and describes them as any value: <see cref="LocalDate"/> is written as <c>yyyy-MM-dd</c> (a string of
/// format <c>date</c>) and <see cref="Instant"/> as an ISO-8601 UTC instant (<c>date-time</c>); an enum is a string,
/// one of its members' names in snake_case, as <see cref="DisputesJson"/> writes it. Every array says
/// what it holds: one whose items the generator left out (a list of NodaTime values) gets its element type's schema.
/// A NodaTime value reached only through a nullable property is not passed here on its own, so
/// <see cref="DocumentTransformer"/> completes its component as well.
/// </summary>
public sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>The NodaTime types the API carries, and the string format each is written in.</summary>
    internal static readonly Dictionary<Type, string> Formats = new()
    {
        [typeof(LocalDate)] = "date",
        [typeof(Instant)] = "date-time",
    };

    /// <inheritdoc />
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (Formats.TryGetValue(type, out var format))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = format;
        }

        // Enums are written by name in snake_case (DisputesJson): the generator lists the names, and the type is said
        // too. A nullable enum is already described as "null or" its component, so the component itself holds only
        // the names (the generator's null in it would make the two alternatives overlap).
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum && schema.Type is null && !enumType.IsDefined(typeof(FlagsAttribute), false))
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(enumType).Select(name => (JsonNode)JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(name)))];
        }

        if (schema.Type is { } kind && kind.HasFlag(JsonSchemaType.Array) && schema.Items is null
            && context.JsonTypeInfo.ElementType is { } element)
        {
            schema.Items = Formats.TryGetValue(element, out var itemFormat)
                ? new OpenApiSchema { Type = JsonSchemaType.String, Format = itemFormat }
                : await context.GetOrCreateSchemaAsync(element, null, cancellationToken);
        }
    }
}
