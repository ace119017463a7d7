using Disputes.Api.Identity;
using Xunit;

namespace Disputes.Tests.Security;

/// <summary>No key that signs tokens lives in the repository, and no deployment starts with a guessable one.</summary>
public sealed class when_the_service_is_given_a_signing_key : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"disputes-keys-{Guid.NewGuid():N}");

    [Theory]
    [InlineData(null, "is not configured")]
    [InlineData("  ", "is not configured")]
    [InlineData("short-key", "has 9 characters")]
    [InlineData("development-only-signing-key-not-for-production-use-0123456789", "published in the repository")]
    public void outside_development_a_missing_short_or_published_key_stops_the_start(string? key, string why)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SigningKeys.Resolve(new AuthenticationOptions { SigningKey = key }, isDevelopment: false));

        Assert.Contains(why, refused.Message);
        Assert.Contains("Disputes:Auth:SigningKey", refused.Message);
    }

    [Fact]
    public void a_published_key_is_refused_in_development_too()
    {
        Assert.Throws<InvalidOperationException>(() => SigningKeys.Resolve(
            new AuthenticationOptions { SigningKey = "development-only-signing-key-not-for-production-use-0123456789" }, isDevelopment: true));
    }

    [Fact]
    public void a_random_key_of_32_characters_is_accepted()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        Assert.Equal(key, SigningKeys.Resolve(new AuthenticationOptions { SigningKey = key }, isDevelopment: false));
    }

    [Fact]
    public void an_identity_provider_needs_no_key()
    {
        Assert.Null(SigningKeys.Resolve(new AuthenticationOptions { Authority = "https://login.example.com/realms/issuer" }, isDevelopment: false));
    }

    [Fact]
    public void development_makes_a_random_key_once_and_keeps_it_private()
    {
        var path = Path.Combine(directory, SigningKeys.DevelopmentKeyFile);

        var first = SigningKeys.DevelopmentKey(path);
        var again = SigningKeys.DevelopmentKey(path);

        Assert.Equal(first, again);
        Assert.Equal(32, Convert.FromBase64String(first).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.NotEqual(first, SigningKeys.DevelopmentKey(Path.Combine(directory, "other", SigningKeys.DevelopmentKeyFile)));
    }

    [Fact]
    public async Task nodes_starting_at_once_agree_on_one_development_key()
    {
        // Twenty rounds, each on a fresh file: the race is lost only now and then when it is lost.
        for (var round = 0; round < 20; round++)
        {
            var path = Path.Combine(directory, $"round-{round}", SigningKeys.DevelopmentKeyFile);

            var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SigningKeys.DevelopmentKey(path))));

            Assert.Single(keys.Distinct());
            Assert.Equal(keys[0], await File.ReadAllTextAsync(path));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
