using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Tests.Infrastructure;
using Xunit;

namespace Disputes.Tests.Security;

/// <summary>
/// Secrets typed where a field-by-field check would not look: split across fields, typed as a number, in a
/// header, behind another content type. Each is refused before anything is stored.
/// </summary>
public sealed class when_secrets_hide_in_other_places(ServiceFixture fixture) : ServiceTest(fixture)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.RegisterAccountAsync();
    }

    [Fact]
    public async Task a_card_number_split_across_merchant_and_description_is_refused()
    {
        var intake = TestApi.Intake();
        intake["merchant"] = "Shop 4111 1111";
        intake["description"] = "1111 1111 is what they charged";

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("merchant, description", problem.ErrorFields());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_split_across_ordinary_fields_with_dates_is_not_mistaken_for_one()
    {
        var intake = TestApi.Intake();
        intake["merchant"] = "Store 2025";
        intake["description"] = "charged 2025-02-10 and again 2025-02-16 for $12.50";

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task a_card_number_typed_as_a_json_number_is_refused()
    {
        var intake = TestApi.Intake();
        intake["amount"] = 4111111111111111;

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("amount", problem.ErrorFields());
        Assert.DoesNotContain("4111111111111111", problem.ToJsonString());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_secret_in_a_structured_field_is_refused()
    {
        var intake = TestApi.Intake();
        intake["chatSessionId"] = "4111-1111-1111-1111";

        var response = await Client.PostJsonAsync("/api/disputes", intake);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("chatSessionId", problem.ErrorFields());
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_secret_in_the_correlation_header_is_refused_and_never_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/disputes") { Content = JsonContent(TestApi.Intake()) };
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "123-45-6789");

        var response = await Client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("X-Correlation-Id", problem.ErrorFields());
        Assert.False(response.Headers.TryGetValues("X-Correlation-Id", out var echoed) && echoed.Any(v => v.Contains("6789")));
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task an_id_whose_digit_groups_pass_luhn_is_no_card_number()
    {
        // 4111 111111111111 in the GUID and 4111111111111111 in the trace id pass the Luhn check, as the digits of a
        // random id do now and then.
        var intake = TestApi.Intake();
        intake["chatSessionId"] = "5eff4b1e-a556-50af-4111-111111111111";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/disputes") { Content = JsonContent(intake) };
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", "5eff4b1ea55650af4111111111111111");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("5eff4b1e-a556-50af-4111-111111111111", (await response.BodyAsync())["chatSessionId"].Str());

        // In the path too: an unknown dispute, not a refused request.
        var unknown = await Client.GetAsync("/api/disputes/41111111-1111-1111-9ffc-5abb266b5271");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task a_json_body_sent_as_plain_text_is_screened_all_the_same()
    {
        var intake = TestApi.Intake();
        intake["description"] = "card 4111 1111 1111 1111";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/disputes")
        {
            Content = new StringContent(intake.ToJsonString(), Encoding.UTF8, "text/plain"),
        };

        var response = await Client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity, $"answered {(int)response.StatusCode}");
        Assert.Equal(0, await Service.EventCountAsync());
    }

    [Fact]
    public async Task a_card_number_with_odd_separators_in_a_note_is_refused()
    {
        var dispute = await Client.OpenDisputeAsync();

        var response = await Client.CommandAsync(dispute, "notes", new JsonObject { ["text"] = "read out 4111\u00a01111.1111_1111" });

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("text", problem.ErrorFields());
        Assert.Equal(2, await Service.EventCountAsync());
    }

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
