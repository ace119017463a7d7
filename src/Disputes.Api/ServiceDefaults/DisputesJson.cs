using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Disputes.Api.ServiceDefaults;

/// <summary>
/// The one JSON shape of the service, used by the HTTP API and by Wolverine's messages: camelCase
/// properties, snake_case enum values (<c>met_by_resolution</c>), ISO dates and instants from NodaTime,
/// and absent rather than null optional fields.
/// </summary>
public static class DisputesJson
{
    /// <summary>Applies the service's JSON conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowOutOfOrderMetadataProperties = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        HideValuesInNodaTimeErrors(options);
        return options;
    }

    /// <summary>
    /// NodaTime's converters fail with the text they could not parse in the message ("Value being parsed:
    /// '4111 1111 1111 1111'"), and Wolverine logs the failed read with its inner exceptions: a card number typed
    /// into a date field would reach the logs. Each is wrapped so that a failure carries System.Text.Json's own message,
    /// which names the type and the JSON path (what the 400 answer names) but not the value.
    /// </summary>
    private static void HideValuesInNodaTimeErrors(JsonSerializerOptions options)
    {
        for (var i = 0; i < options.Converters.Count; i++)
        {
            var converter = options.Converters[i];
            if (converter.GetType().Namespace?.StartsWith("NodaTime", StringComparison.Ordinal) == true
                && ConvertedType(converter.GetType()) is { } type)
            {
                options.Converters[i] = (JsonConverter)Activator.CreateInstance(typeof(ValueHidingConverter<>).MakeGenericType(type), converter)!;
            }
        }
    }

    private static Type? ConvertedType(Type? converterType)
    {
        for (; converterType is not null; converterType = converterType.BaseType)
        {
            if (converterType.IsGenericType && converterType.GetGenericTypeDefinition() == typeof(JsonConverter<>))
            {
                return converterType.GetGenericArguments()[0];
            }
        }

        return null;
    }

    /// <summary>Reads with <paramref name="inner"/>; a value it cannot read fails without the value in the message.</summary>
    private sealed class ValueHidingConverter<T>(JsonConverter<T> inner) : JsonConverter<T>
    {
        public override bool HandleNull => inner.HandleNull;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return inner.Read(ref reader, typeToConvert, options);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // No message of its own: System.Text.Json then writes its standard one, "The JSON value could not be
                // converted to NodaTime.LocalDate. Path: $.transactionDate ...", which names the field, not the value.
                throw new JsonException();
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return inner.ReadAsPropertyName(ref reader, typeToConvert, options);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new JsonException();
            }
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, [System.Diagnostics.CodeAnalysis.DisallowNull] T value, JsonSerializerOptions options) =>
            inner.WriteAsPropertyName(writer, value, options);
    }
}
