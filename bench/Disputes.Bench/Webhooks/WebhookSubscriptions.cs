using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Disputes.Api.Webhooks;
using Npgsql;

namespace Disputes.Bench.Webhooks;

/// <summary>Subscriptions made and deleted through the API as an integrator would, and the delivery backlog read from the database.</summary>
public static class WebhookSubscriptions
{
    /// <summary>Subscribes <paramref name="url"/> to <paramref name="eventTypes"/> (every type of the catalogue when none); returns the id.</summary>
    public static async Task<Guid> SubscribeAsync(HttpClient integrator, string url, IReadOnlyList<string>? eventTypes, CancellationToken cancellation)
    {
        var types = eventTypes ?? WebhookCatalogue.All.Select(t => t.Name).ToList();
        using var response = await integrator.PostAsJsonAsync("/api/webhooks/subscriptions", new { url, eventTypes = types }, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST /api/webhooks/subscriptions answered {(int)response.StatusCode}: {body}");
        }

        return Guid.Parse(JsonNode.Parse(body)!["subscription"]!["id"]!.GetValue<string>());
    }

    public static async Task DeleteAsync(HttpClient integrator, Guid subscription, CancellationToken cancellation)
    {
        using var response = await integrator.DeleteAsync($"/api/webhooks/subscriptions/{subscription}", cancellation);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits until the dispatch has read the whole event log and no delivery message waits in the durable inbox, so the
    /// next phase starts with no webhook work left over; false when <paramref name="timeout"/> passed first.
    /// </summary>
    public static async Task<bool> WaitForQuietAsync(NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken cancellation)
    {
        const string Sql = """
            select (select count(*) from disputes.wolverine_incoming_envelopes where message_type like '%Webhook%' and status <> 'Handled')
                 + (select count(*) from disputes.mt_events e where e.seq_id > coalesce((select last_seq_id from disputes.mt_event_progression where name like 'WebhookDispatch%'), 0))
            """;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var command = dataSource.CreateCommand(Sql);
            if ((long)(await command.ExecuteScalarAsync(cancellation))! == 0)
            {
                return true;
            }

            await Task.Delay(100, cancellation);
        }

        return false;
    }
}
