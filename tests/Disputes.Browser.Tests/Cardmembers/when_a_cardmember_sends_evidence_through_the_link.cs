using System.Text.Json.Nodes;
using Disputes.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Disputes.Browser.Tests.Cardmembers;

/// <summary>
/// The agent makes an upload link in the console and pastes it into the chat; the cardmember opens it without signing in
/// and sends their files; what is not a PDF, JPEG or PNG is refused in their language.
/// </summary>
public sealed class when_a_cardmember_sends_evidence_through_the_link(BrowserFixture fixture) : BrowserTest(fixture)
{
    // A 1x1 PNG: the service decodes and re-encodes every image, so it must be a real one.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private JsonObject dispute = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Service.RegisterAccountAsync("acct-1001");
        dispute = await Service.OpenDisputeAsync("acct-1001");
    }

    private async Task<(IPage Agent, string Address)> LinkFromTheConsoleAsync()
    {
        var agent = await SignInAsync("agent", "agent-7");
        await agent.GotoAsync($"/agent.html#dispute/{dispute["disputeId"]}");
        await agent.Locator("summary", new() { HasText = "Send an upload link" }).ClickAsync();
        await agent.GetByLabel("Works for (days, 1 to 30)").FillAsync("3");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Create the link" }).ClickAsync();
        var address = agent.GetByLabel("Link for the cardmember (shown once)");
        await Expect(address).ToBeFocusedAsync();
        return (agent, await address.InputValueAsync());
    }

    [Fact]
    public async Task the_cardmember_sends_a_photo_and_a_wrong_file_is_refused_without_signing_in()
    {
        var (agent, address) = await LinkFromTheConsoleAsync();
        Assert.Contains("/upload.html#token=", address);

        var cardmember = await Fixture.NewPageAsync();
        await cardmember.GotoAsync(address);
        await Expect(cardmember.GetByRole(AriaRole.Heading, new() { Name = "Send documents for your dispute" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(cardmember, "the upload page");

        await cardmember.GetByLabel("Choose files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "delivery.png", MimeType = "image/png", Buffer = Png },
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a document"u8.ToArray() },
        });
        await cardmember.GetByRole(AriaRole.Button, new() { Name = "Send the files" }).ClickAsync();

        await Expect(cardmember.Locator("#sent")).ToContainTextAsync("delivery.png: received.");
        await Expect(cardmember.Locator("#notice")).ToContainTextAsync("notes.txt is not a PDF, JPEG or PNG file.");
        await Expect(cardmember.Locator("#notice")).ToBeFocusedAsync();
        await AssertAccessibleAsync(cardmember, "the upload page after sending");

        await agent.ReloadAsync();
        await Expect(agent.Locator("#steps")).ToContainTextAsync("Documents received from the cardmember");
        await cardmember.Context.CloseAsync();
    }

    [Fact]
    public async Task a_spanish_dispute_opens_the_page_in_spanish_and_a_broken_link_says_what_to_do()
    {
        var cardmember = await Fixture.NewPageAsync();

        await cardmember.GotoAsync("/upload.html#token=&lang=es");

        await Expect(cardmember.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(cardmember.GetByRole(AriaRole.Heading, new() { Name = "Envíe documentos para su disputa" })).ToBeVisibleAsync();
        await Expect(cardmember.Locator("#notice")).ToContainTextAsync("Este enlace está incompleto.");
        await AssertAccessibleAsync(cardmember, "the upload page in Spanish");

        await cardmember.GotoAsync("/upload.html#token=not-a-real-token&lang=es");
        await cardmember.ReloadAsync();
        await cardmember.GetByLabel("Elija los archivos").SetInputFilesAsync(new FilePayload { Name = "foto.png", MimeType = "image/png", Buffer = Png });
        await cardmember.GetByRole(AriaRole.Button, new() { Name = "Enviar los archivos" }).ClickAsync();
        await Expect(cardmember.Locator("#notice")).ToContainTextAsync("foto.png no se pudo enviar: este enlace no es válido.");
        await cardmember.Context.CloseAsync();
    }
}
