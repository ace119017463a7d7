using Disputes.Api.Disputes.Opening;
using Disputes.Api.Disputes.Timing;
using Disputes.Api.Evidence;
using Disputes.Api.Notices.Issued;
using Disputes.Api.Notices.Postal;
using Disputes.Api.Webhooks;
using Disputes.Projections;
using JasperFx.Events;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using Weasel.Core;
using Weasel.Postgresql;

namespace Disputes.Api.Hosting;

/// <summary>The Marten document and event store of the service.</summary>
public static class DisputesStore
{
    /// <summary>The PostgreSQL schema holding the service's tables.</summary>
    public const string Schema = "disputes";

    /// <summary>The store options: serializer with NodaTime, events with correlation and actor metadata, projections, sequences (case numbers, complaint references), issued notices.</summary>
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
        options.Storage.ExtendedSchemaObjects.Add(new Sequence(new PostgresqlObjectName(Schema, Complaints.Logging.ComplaintReferences.Sequence, SchemaUtils.IdentifierUsage.General)));
        options.AddDisputesProjections();
        options.Schema.For<Holds.ReportedActivity>().Duplicate(a => a.AccountId);
        options.AddIssuedNotices();
        options.AddPostalLetters();
        options.AddWebhookStorage();
        options.AddEvidenceStorage();
        options.AddDeadlineTimerStorage();
        return options;
    }

    /// <summary>The name the connection pool goes by in metrics and traces.</summary>
    public const string PoolName = "disputes";

    /// <summary>Seconds to wait for a connection when the connection string names no <c>Timeout</c> (Npgsql's own default is 15).</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>
    /// Seconds a command may run when the connection string names no <c>Command Timeout</c> (Npgsql's own default is
    /// 30). Marten's sessions follow it too (its own default was 5): long enough for a bulk insert or a schema change on
    /// a busy server, short enough that a stuck database fails a request with 503 instead of holding it.
    /// </summary>
    public const int DefaultCommandTimeoutSeconds = 10;

    /// <summary>
    /// How many statements Npgsql prepares on each connection when the connection string names no <c>Max Auto Prepare</c>
    /// (Npgsql's own default is 0, none; Marten and Wolverine prepare nothing themselves). A statement run a few times is
    /// prepared once per connection, and PostgreSQL then neither parses nor plans it again, which makes intake markedly
    /// cheaper for the service and the database alike (bench/README.md, "Prepared statements"). Behind a pooler in
    /// transaction mode that cannot keep prepared statements, set it to 0.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// A data source for <paramref name="connectionString"/> that maps NodaTime types to PostgreSQL's, with short
    /// connect and command timeouts unless the connection string sets its own: when PostgreSQL is down or stuck, a
    /// request fails within seconds (and answers 503) instead of holding the caller for half a minute.
    /// </summary>
    /// <remarks>
    /// A connection string naming several hosts (<c>Host=db1:5432,db2:5432</c>, a primary and its standbys) gives a
    /// multi-host source that opens connections only on the server that accepts writes (or on what the string's
    /// <c>Target Session Attributes</c> asks for), so after a failover the pool finds the promoted standby by itself.
    /// The wrapper returned then does not own the hosts' pools: dispose <see cref="Pools"/>' owner instead, as the
    /// service does.
    /// </remarks>
    public static NpgsqlDataSource DataSource(string connectionString) => Pools(connectionString).Use;

    /// <summary>
    /// The data source to use for <paramref name="connectionString"/> and the one that owns its connections: the same
    /// for one host; for several, the multi-host source and a view of it targeting <c>read-write</c> unless the
    /// string's <c>Target Session Attributes</c> names another (Npgsql refuses that setting on a multi-host source
    /// itself, and without it would hand out connections to a read-only standby).
    /// </summary>
    public static (NpgsqlDataSource Use, NpgsqlDataSource Owner) Pools(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(WithDefaults(connectionString));
        builder.UseNodaTime();
        // Npgsql's metrics name the pool; by default after the host, port, database and user.
        builder.Name = PoolName;
        if (builder.ConnectionStringBuilder.Host?.Contains(',', StringComparison.Ordinal) != true)
        {
            var single = builder.Build();
            return (single, single);
        }

        var target = ParseTargetSession(builder.ConnectionStringBuilder.TargetSessionAttributes);
        builder.ConnectionStringBuilder.TargetSessionAttributes = null;
        var hosts = builder.BuildMultiHost();
        return (hosts.WithTargetSession(target), hosts);
    }

    private static TargetSessionAttributes ParseTargetSession(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "read-write" => TargetSessionAttributes.ReadWrite,
        "any" => TargetSessionAttributes.Any,
        "primary" => TargetSessionAttributes.Primary,
        "standby" => TargetSessionAttributes.Standby,
        "prefer-primary" => TargetSessionAttributes.PreferPrimary,
        "prefer-standby" => TargetSessionAttributes.PreferStandby,
        "read-only" => TargetSessionAttributes.ReadOnly,
        _ => throw new ArgumentException($"Target Session Attributes '{value}' is not one Npgsql knows.", nameof(value)),
    };

    /// <summary>
    /// <paramref name="connectionString"/> with <c>Timeout</c>, <c>Command Timeout</c> and <c>Max Auto Prepare</c> added
    /// where it names none of its own.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // Keys lists only what the string sets, under Npgsql's canonical names (CommandTimeout -> "Command Timeout");
        // ContainsKey would answer true for any keyword Npgsql knows.
        var named = settings.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("Timeout"))
        {
            settings.Timeout = DefaultConnectTimeoutSeconds;
        }

        if (!named.Contains("Command Timeout"))
        {
            settings.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        if (!named.Contains("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return settings.ConnectionString;
    }
}
