using System.Net;
using Disputes.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;
using Xunit;

namespace Disputes.Tests.Webhooks;

/// <summary>A rotation hands out a new secret; for a day every delivery is signed with both.</summary>
public sealed class when_a_secret_is_rotated(WebhookFixture fixture) : WebhookTest<WebhookFixture>(fixture)
{
    [Fact]
    public async Task deliveries_carry_a_valid_signature_for_each_secret_during_the_overlap_and_only_the_new_one_after()
    {
        var (subscription, old) = await SubscribeAsync("dispute.opened");
        await Client.RegisterAccountAsync();
        await Client.OpenDisputeAsync();
        var before = Assert.Single(await Receiver.UntilAsync(r => r.Count >= 1));
        Assert.Single(before.Signature.Split(' '));

        var rotation = await Integrator.PostAsync($"/api/webhooks/subscriptions/{subscription}/secret-rotation", null);
        Assert.Equal(HttpStatusCode.OK, rotation.StatusCode);
        var rotated = await rotation.BodyAsync();
        var fresh = rotated["secret"].Str();
        Assert.NotEqual(old, fresh);
        Assert.StartsWith("whsec_", fresh);
        var secrets = rotated["subscription"]!["secrets"]!.AsArray();
        Assert.Equal(2, secrets.Count);
        Assert.Null(secrets[0]!["expiresAt"]);
        Assert.Equal(Clock.GetCurrentInstant() + Duration.FromHours(24), InstantPattern.ExtendedIso.Parse(secrets[1]!["expiresAt"].Str()).Value, new InstantTolerance(Duration.FromSeconds(5)));

        await Client.OpenDisputeAsync();
        var during = (await Receiver.UntilAsync(r => r.Count >= 2))[1];
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.True(during.SignedWith(old), "the old secret still verifies during the overlap");
        Assert.True(during.SignedWith(fresh), "the new secret verifies at once");

        Clock.SetNow(Clock.GetCurrentInstant() + Duration.FromHours(25));
        await Client.OpenDisputeAsync();
        var after = (await Receiver.UntilAsync(r => r.Count >= 3))[2];
        Assert.Single(after.Signature.Split(' '));
        Assert.True(after.SignedWith(fresh));
        Assert.False(after.SignedWith(old));
        var current = await (await Integrator.GetAsync($"/api/webhooks/subscriptions/{subscription}")).BodyAsync();
        Assert.Single(current["secrets"]!.AsArray());
    }

    [Fact]
    public async Task no_answer_but_the_creating_and_rotating_ones_shows_a_secret()
    {
        var (subscription, secret) = await SubscribeAsync("dispute.opened");

        foreach (var url in new[] { "/api/webhooks/subscriptions", $"/api/webhooks/subscriptions/{subscription}", $"/api/webhooks/subscriptions/{subscription}/deliveries" })
        {
            var body = await (await Integrator.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(secret, body);
            Assert.DoesNotContain("whsec_", body);
        }
    }

    [Fact]
    public async Task rotating_an_unknown_subscription_answers_404()
    {
        var response = await Integrator.PostAsync($"/api/webhooks/subscriptions/{Guid.NewGuid()}/secret-rotation", null);
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    private sealed class InstantTolerance(Duration tolerance) : IEqualityComparer<Instant>
    {
        public bool Equals(Instant x, Instant y) => Duration.Max(x - y, y - x) <= tolerance;

        public int GetHashCode(Instant obj) => 0;
    }
}
