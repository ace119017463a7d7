using Disputes.Api.Disputes.Opening;
using Disputes.Projections;
using JasperFx.Events;
using Marten;
using Npgsql;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Weasel.Core;
using Weasel.Postgresql;

namespace Disputes.Api.Hosting;

/// <summary>The Marten document and event store of the service.</summary>
public static class DisputesStore
{
    /// <summary>The PostgreSQL schema holding the service's tables.</summary>
    public const string Schema = "disputes";

    /// <summary>The store options: serializer with NodaTime, events with correlation and actor metadata, projections, sequences.</summary>
    public static StoreOptions Options(NpgsqlDataSource dataSource)
    {
        var options = new StoreOptions();
        options.Connection(dataSource);
        options.DatabaseSchemaName = Schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            json =>
            {
                json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
                // jsonb reorders object keys, so a type discriminator may come after the other properties.
                json.AllowOutOfOrderMetadataProperties = true;
            });
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(Schema, CaseNumbers.Sequence, SchemaUtils.IdentifierUsage.General)));
        options.AddDisputesProjections();
        return options;
    }

    /// <summary>A data source for <paramref name="connectionString"/> that maps NodaTime types to PostgreSQL's.</summary>
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNodaTime();
        return builder.Build();
    }
}
