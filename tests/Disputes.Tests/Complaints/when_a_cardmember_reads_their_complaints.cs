using System.Net;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Complaints;

/// <summary>The cardmember's own complaints, by reference and status, in English or Spanish; never another account's.</summary>
public sealed class when_a_cardmember_reads_their_complaints(ServiceFixture fixture) : ServiceTest(fixture)
{
    private async Task<HttpResponseMessage> ReadAsync(string? acceptLanguage = null, params string[] accounts)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/complaints");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var response = await Service.ClientAs("cardmember", "cm-a", accounts.Length == 0 ? ["acct-1001"] : accounts).SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    [Fact]
    public async Task they_see_only_their_own_accounts_complaints()
    {
        await Client.RegisterAccountAsync("acct-1001");
        await Client.RegisterAccountAsync("acct-2002");
        var mine = await Client.LogComplaintAsync(ComplaintApi.Complaint("acct-1001"));
        var theirs = await Client.LogComplaintAsync(ComplaintApi.Complaint("acct-2002"));

        var view = await (await ReadAsync()).BodyAsync();

        var complaints = view["complaints"]!.AsArray();
        Assert.Equal([mine["reference"].Str()], complaints.Select(c => c!["reference"].Str()));
        Assert.DoesNotContain(theirs["reference"].Str(), view.ToJsonString());
    }

    [Fact]
    public async Task a_cardmember_of_another_account_sees_none_of_them()
    {
        await Client.RegisterAccountAsync("acct-1001");
        await Client.LogComplaintAsync(ComplaintApi.Complaint("acct-1001"));

        var view = await (await ReadAsync(null, "acct-3003")).BodyAsync();

        Assert.Empty(view["complaints"]!.AsArray());
    }

    [Fact]
    public async Task it_is_in_english_by_default_with_the_status_and_when_the_answer_is_due()
    {
        await Client.RegisterAccountAsync();
        await Client.LogComplaintAsync();

        var response = await ReadAsync();

        Assert.Equal(["en"], response.Content.Headers.ContentLanguage);
        var complaint = (await response.BodyAsync())["complaints"]![0]!;
        Assert.Equal("received", complaint["status"].Str());
        Assert.Equal("We received your complaint.", complaint["statusText"].Str());
        Assert.Equal("Fees or interest", complaint["categoryText"].Str());
        Assert.Equal("We will answer you by March 18, 2025.", complaint["next"]!["text"].Str());
        Assert.Equal("2025-03-18", complaint["next"]!["by"].Str());
        Assert.Equal("2025-03-03", complaint["receivedOn"].Str());
    }

    [Fact]
    public async Task it_is_in_spanish_when_spanish_is_preferred_with_the_answer_sent()
    {
        await Client.RegisterAccountAsync();
        var logged = await Client.LogComplaintAsync();
        Clock.SetNow("2025-03-05T15:00:00Z");
        await Client.ComplaintStepAsync(logged, "response", new() { ["text"] = "Le reembolsamos el cargo por pago tardío." });

        var response = await ReadAsync("es-MX,es;q=0.9,en;q=0.5");

        Assert.Equal(["es"], response.Content.Headers.ContentLanguage);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        var complaint = (await response.BodyAsync())["complaints"]![0]!;
        Assert.Equal("Respondimos a su queja.", complaint["statusText"].Str());
        Assert.Equal("Cargos o intereses", complaint["categoryText"].Str());
        Assert.Equal("Le enviaremos nuestra respuesta final a más tardar el 2 de mayo de 2025.", complaint["next"]!["text"].Str());
        Assert.Equal("Le reembolsamos el cargo por pago tardío.", complaint["response"].Str());
        Assert.Equal("2025-03-05", complaint["respondedOn"].Str());
        Assert.Equal(["Recibimos su queja.", "Le enviamos nuestra respuesta."], complaint["steps"]!.AsArray().Select(s => s!["text"].Str()));
    }

    [Fact]
    public async Task a_missed_deadline_is_never_shown_to_them_and_no_past_date_is_promised()
    {
        await Client.RegisterAccountAsync();
        var logged = await Client.LogComplaintAsync();
        Clock.SetNow("2025-03-25T15:00:00Z");
        await Client.ComplaintStepAsync(logged, "review");

        var complaint = (await (await ReadAsync()).BodyAsync())["complaints"]![0]!;

        Assert.Equal("We are working on your complaint and will write to you.", complaint["next"]!["text"].Str());
        Assert.Null(complaint["next"]!["by"]);
        Assert.Equal(["We received your complaint.", "We started reviewing your complaint."], complaint["steps"]!.AsArray().Select(s => s!["text"].Str()));
        Assert.DoesNotContain("breach", complaint.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("agent", complaint.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task staff_cannot_read_the_cardmembers_view_and_a_cardmember_cannot_read_staffs()
    {
        await Client.RegisterAccountAsync();
        var logged = await Client.LogComplaintAsync();

        await (await Client.GetAsync("/api/me/complaints")).ProblemAsync(HttpStatusCode.Forbidden);
        var cardmember = Service.ClientAs("cardmember", "cm-a", "acct-1001");
        await (await cardmember.GetAsync($"/api/complaints/{logged["complaintId"]}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await cardmember.GetAsync("/api/compliance/complaints")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
