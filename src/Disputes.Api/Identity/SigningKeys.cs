using System.Security.Cryptography;
using Disputes.Api.Hosting;

namespace Disputes.Api.Identity;

/// <summary>
/// Which symmetric signing keys the service accepts, and the development key it makes for itself. No usable key
/// lives in the repository: Development generates one on first run and keeps it under <see cref="LocalData"/>;
/// every other environment must be given one, and refuses to start with a missing, short or published key.
/// </summary>
public static class SigningKeys
{
    /// <summary>The fewest characters a signing key may have (HMAC-SHA256 wants at least 256 bits).</summary>
    public const int MinimumLength = 32;

    /// <summary>The file under <see cref="LocalData.Directory"/> holding the development key.</summary>
    public const string DevelopmentKeyFile = "dev-signing-key";

    // Keys this repository once published (the development settings, the test and bench hosts): anyone could sign
    // tokens with them, so no deployment may use them.
    private static readonly HashSet<string> Published = new(StringComparer.Ordinal)
    {
        "development-only-signing-key-not-for-production-use-0123456789",
        "test-signing-key-0123456789-0123456789-0123456789",
        "bench-only-signing-key-0123456789-0123456789-0123456789",
    };

    /// <summary>
    /// The signing key to use: the configured one, or in Development without one, the generated development key.
    /// </summary>
    /// <exception cref="InvalidOperationException">No authority is set and the key is missing, short or published.</exception>
    public static string? Resolve(AuthenticationOptions options, bool isDevelopment)
    {
        if (options.Authority is not null)
        {
            return options.SigningKey;
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return isDevelopment
                ? DevelopmentKey(Path.Combine(LocalData.Directory, DevelopmentKeyFile))
                : throw Refused("is not configured");
        }

        if (options.SigningKey.Length < MinimumLength)
        {
            throw Refused($"has {options.SigningKey.Length} characters; at least {MinimumLength} are needed");
        }

        if (Published.Contains(options.SigningKey))
        {
            throw Refused("is a key published in the repository, with which anyone can sign tokens");
        }

        return options.SigningKey;
    }

    /// <summary>
    /// The key in <paramref name="path"/>, made with 256 random bits on first use. Several nodes starting at once
    /// agree on one key: whoever makes it holds a lock file meanwhile, and the key is written aside and moved into
    /// place whole, so nobody reads it half written.
    /// </summary>
    public static string DevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (ExclusiveLock(path + ".lock"))
        {
            if (File.Exists(path))
            {
                return File.ReadAllText(path).Trim();
            }

            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var aside = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(aside, key);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(aside, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(aside, path);
            return key;
        }
    }

    // An open file that no one else can open meanwhile (an advisory lock on Unix), held by another thread or process
    // at most for the few milliseconds it takes to write a key.
    private static FileStream ExclusiveLock(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 500)
            {
                Thread.Sleep(10);
            }
        }
    }

    private static InvalidOperationException Refused(string why) => new(
        $"{AuthenticationOptions.Section}:SigningKey {why}. Configure a random key of at least {MinimumLength} characters " +
        $"(for example `openssl rand -base64 32`) or {AuthenticationOptions.Section}:Authority for an identity provider.");
}
