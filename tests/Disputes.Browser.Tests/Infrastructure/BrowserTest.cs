using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: the shared service emptied and its clock set to 2025-03-03T15:00Z before each test,
/// and the steps a person takes (sign in through the sign-in page), the accessibility check and screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IPage> pages = [];
    private readonly Dictionary<IPage, List<string>> scriptErrors = [];

    protected BrowserFixture Fixture => fixture;

    protected ConsoleHost Service => fixture.Host;

    public virtual async ValueTask InitializeAsync()
    {
        await Service.ResetAsync();
        Service.Clock.SetNow("2025-03-03T15:00:00Z");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Opens the sign-in page in a new browser context, picks <paramref name="role"/> in the development role
    /// picker and signs in; returns the page once the role's first page has loaded.
    /// </summary>
    protected async Task<IPage> SignInAsync(string role, string subject, string? accountIds = null, int width = 1280, int height = 900)
    {
        var page = await fixture.NewPageAsync(width, height);
        pages.Add(page);
        var errors = new List<string>();
        scriptErrors[page] = errors;
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Development sign-in" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = RoleLabel(role) }).CheckAsync();
        await page.GetByLabel("User name").FillAsync(subject);
        if (accountIds is not null)
        {
            await page.GetByLabel("Account ids").FillAsync(accountIds);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        try
        {
            // Polls the address; waiting for a navigation event can miss one that the page's script starts at once.
            await Expect(page).ToHaveURLAsync(new Regex(@"/(agent|compliance|cardmember)\.html"));
        }
        catch (PlaywrightException e)
        {
            await ScreenshotAsync(page, $"failed-sign-in-{role}");
            throw new TimeoutException(
                $"Signing in as {role} did not leave the sign-in page ({page.Url}): {await page.Locator("main").InnerTextAsync()}", e);
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(errors);
        return page;
    }

    /// <summary>The uncaught script errors <paramref name="page"/> has raised so far, on any document it loaded.</summary>
    protected IReadOnlyList<string> ScriptErrors(IPage page) => scriptErrors[page];

    private static string RoleLabel(string role) => role switch
    {
        "agent" => "Chat agent",
        "supervisor" => "Supervisor",
        "compliance" => "Compliance officer",
        "cardmember" => "Cardmember",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>
    /// Runs axe-core (vendored, injected with <c>AddScriptTagAsync</c>) on the page as it stands and fails on any
    /// serious or critical violation, naming each with the elements it found.
    /// </summary>
    protected static async Task AssertAccessibleAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = BrowserFixture.AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))
              }));
            }
            """);
        var blocking = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): " +
                string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))
            .ToList();
        Assert.True(blocking.Count == 0, $"axe-core found serious or critical violations on {what}:\n{string.Join("\n", blocking)}");
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> in the screenshot folder.</summary>
    protected async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
}
