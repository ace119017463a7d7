using Disputes.Api.Hosting;
using Disputes.Api.Notices;
using Disputes.Api.Notices.Issued;
using Disputes.Domain.Notices;
using Disputes.Testing;
using JasperFx;
using Marten;
using Npgsql;
using Xunit;

namespace Disputes.Tests.Notices;

/// <summary>
/// An issued notice is stored once, in PostgreSQL, and never changed: it is read back only through its hash check, so
/// what is served is what was issued.
/// </summary>
public sealed class when_storing_an_issued_notice : IAsyncLifetime
{
    private NpgsqlDataSource? dataSource;
    private DocumentStore? store;

    private DocumentStore Store => store ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"notices_{Guid.NewGuid():N}");
        dataSource = DisputesStore.DataSource(connectionString);
        store = new DocumentStore(DisputesStore.Options(dataSource));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        store?.Dispose();
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
        }
    }

    private static IssuedNotice Rendered(string scene, NoticeLanguage language, Guid? id = null, DeliveryChannel channel = DeliveryChannel.SecureMessage)
    {
        var content = NoticeScenes.Content(scene);
        return IssuedNotice.Of(id ?? Guid.NewGuid(), content, NoticeScenes.Renderer.Render(content, language), channel);
    }

    private async Task IssueAsync(IssuedNotice notice)
    {
        await using var session = Store.LightweightSession();
        IssuedNotices.Issue(session, notice);
        await session.SaveChangesAsync();
    }

    private async Task<IssuedNotice?> FindAsync(Guid id, string? recorded = null)
    {
        await using var session = Store.QuerySession();
        return await IssuedNotices.FindAsync(session, id, recorded);
    }

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var command = dataSource!.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task it_is_read_back_as_issued_with_its_hashes_checked()
    {
        var notice = Rendered("explanation", NoticeLanguage.Es, channel: DeliveryChannel.Postal);

        await IssueAsync(notice);
        var stored = await FindAsync(notice.Id, recorded: notice.PdfSha256);

        Assert.NotNull(stored);
        Assert.Equal(notice.Pdf, stored.Pdf);
        Assert.Equal(notice.Html, stored.Html);
        Assert.Equal(NoticeRenderer.Sha256(stored.Pdf), stored.PdfSha256);
        Assert.Equal((notice.DisputeId, notice.CaseNumber, notice.Kind, notice.Language, notice.TemplateVersion, notice.Channel, notice.SentAt),
            (stored.DisputeId, stored.CaseNumber, stored.Kind, stored.Language, stored.TemplateVersion, stored.Channel, stored.SentAt));
        Assert.Equal(NoticeKind.Explanation, stored.Kind);
        Assert.Equal("2026-12-01.1", stored.TemplateVersion);
    }

    [Fact]
    public async Task a_disputes_notices_are_listed_oldest_first_and_an_unknown_id_is_none()
    {
        var first = Rendered("acknowledgment", NoticeLanguage.En);
        var later = first with { Id = Guid.NewGuid(), SentAt = first.SentAt + NodaTime.Duration.FromDays(1) };
        var elsewhere = Rendered("acknowledgment", NoticeLanguage.En);

        await IssueAsync(later);
        await IssueAsync(first);
        await IssueAsync(elsewhere);
        await using var session = Store.QuerySession();

        Assert.Equal([first.Id, later.Id], (await IssuedNotices.ForDisputeAsync(session, first.DisputeId)).Select(n => n.Id));
        Assert.Null(await IssuedNotices.FindAsync(session, Guid.NewGuid()));
    }

    [Fact]
    public async Task a_notice_is_never_overwritten_not_even_by_the_same_id_again()
    {
        var notice = Rendered("acknowledgment", NoticeLanguage.En);
        await IssueAsync(notice);

        var again = Rendered("correction", NoticeLanguage.Es, id: notice.Id);
        await Assert.ThrowsAsync<DocumentAlreadyExistsException>(() => IssueAsync(again));

        var stored = await FindAsync(notice.Id);
        Assert.Equal(notice.PdfSha256, stored!.PdfSha256);
        Assert.Equal(NoticeKind.Acknowledgment, stored.Kind);
    }

    [Fact]
    public async Task a_copy_changed_in_the_database_is_refused()
    {
        var notice = Rendered("partial_correction", NoticeLanguage.En);
        await IssueAsync(notice);

        await ExecuteAsync($"update {DisputesStore.Schema}.mt_doc_issuednotice set data = jsonb_set(data, '{{html}}', to_jsonb(replace(data->>'html', '$1,000.00', '$10,000.00'))) where id = $1", notice.Id);

        var refused = await Assert.ThrowsAsync<IssuedNoticeTampered>(() => FindAsync(notice.Id));
        Assert.Equal(notice.Id, refused.NoticeId);
        Assert.Contains("HTML", refused.Message);
    }

    [Fact]
    public async Task a_copy_replaced_with_its_own_matching_hash_is_refused_against_the_hash_the_event_recorded()
    {
        var notice = Rendered("explanation", NoticeLanguage.En);
        var other = Rendered("correction", NoticeLanguage.En);
        await IssueAsync(notice);

        await ExecuteAsync(
            $"update {DisputesStore.Schema}.mt_doc_issuednotice set data = data || jsonb_build_object('pdf', '{Convert.ToBase64String(other.Pdf)}'::text, 'pdfSha256', '{other.PdfSha256}'::text) where id = $1",
            notice.Id);

        Assert.NotNull(await FindAsync(notice.Id));
        var refused = await Assert.ThrowsAsync<IssuedNoticeTampered>(() => FindAsync(notice.Id, recorded: notice.PdfSha256));
        Assert.Contains("notice_issued", refused.Message);
    }

    [Fact]
    public async Task a_notice_whose_bytes_do_not_match_its_hash_is_not_stored()
    {
        var notice = Rendered("acknowledgment", NoticeLanguage.En);

        await using var session = Store.LightweightSession();
        Assert.Throws<IssuedNoticeTampered>(() => IssuedNotices.Issue(session, notice with { Html = notice.Html.Replace("1005", "1006", StringComparison.Ordinal) }));
        await session.SaveChangesAsync();

        Assert.Null(await FindAsync(notice.Id));
    }
}
