using Disputes.Testing;
using Microsoft.Playwright;
using Xunit;

namespace Disputes.Browser.Tests.Infrastructure;

/// <summary>
/// One service and one headless Chromium for all browser tests (they run one after another, in one collection).
/// The browser is Debian's <c>/usr/bin/chromium</c> (<c>.ci/run</c> installs it); Playwright never downloads one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Environment variable naming another Chromium executable.</summary>
    public const string ChromiumVariable = "DISPUTES_CHROMIUM";

    /// <summary>Environment variable naming the folder screenshots are written to (default: a folder under the temp directory).</summary>
    public const string ScreenshotsVariable = "DISPUTES_SCREENSHOTS";

    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private ConsoleHost? host;

    public ConsoleHost Host => host ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where screenshots go.</summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(Path.GetTempPath(), "disputes-screenshots");

    /// <summary>The vendored axe-core script (MPL-2.0), injected into pages by the accessibility checks.</summary>
    public static string AxeScript { get; } = Path.Combine(AppContext.BaseDirectory, "vendor", "axe-core", "axe.min.js");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"No Chromium at {chromium}. Install Debian's chromium (apt-get install chromium; .ci/run does this) or set {ChromiumVariable}. " +
                "The tests never download a browser.");
        }

        // Belt and braces: nothing in this process may fetch a browser build.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(ScreenshotDirectory);

        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync($"disputes_browser_{Guid.NewGuid():N}");
        host = await ConsoleHost.StartAsync(connectionString);
        await host.WarmUpAsync();

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArguments,
            Timeout = 60_000,
        });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    /// <summary>
    /// A fresh browser context (its own sessionStorage) at <paramref name="width"/> x <paramref name="height"/>.
    /// The pages' Content-Security-Policy forbids inline scripts; the context bypasses it so that axe-core can be
    /// injected the way Playwright injects scripts.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, bool bypassCsp = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            Locale = "en-US",
            TimezoneId = "UTC",
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
