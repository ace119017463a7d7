using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Accessibility;

/// <summary>
/// The pages load nothing from elsewhere and run no inline script or style: with their Content-Security-Policy
/// enforced (the other tests bypass it to inject axe-core), the browser refuses nothing and every request stays on
/// the service's own origin.
/// </summary>
public sealed class when_the_pages_load_under_their_security_policy(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task nothing_is_refused_and_nothing_is_fetched_from_elsewhere()
    {
        await Service.RegisterAccountAsync("acct-1001");
        await Service.OpenDisputeAsync("acct-1001");
        var page = await Fixture.NewPageAsync(bypassCsp: false);
        var refused = new List<string>();
        var foreign = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(Service.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        var response = await page.GotoAsync("/");
        Assert.Contains("default-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Supervisor" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("#queue-table tbody tr")).ToHaveCountAsync(1);
        await page.Locator("#queue-table a").First.ClickAsync();
        await Expect(page.Locator("#dispute-title")).ToBeVisibleAsync();
        await page.GotoAsync("compliance.html");
        await Expect(page.Locator("#timeline-svg")).ToBeVisibleAsync();
        await page.GotoAsync("index.html");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Cardmember" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator("article.dispute-card")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await page.GotoAsync("upload.html#token=&lang=es");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Este enlace está incompleto.");

        Assert.Empty(refused);
        Assert.Empty(foreign);
        await page.Context.CloseAsync();
    }
}
