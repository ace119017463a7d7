using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Disputes.Api.Hosting;
using Disputes.Api.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Xunit;

namespace Disputes.Tests.Operations;

/// <summary>
/// The OpenAPI description the service serves (<c>/openapi/v1.json</c>) is clean under two standard linters'
/// recommended rules: Redocly CLI's <c>recommended</c> (<c>redocly.yaml</c>) and Spectral's <c>spectral:oas</c>
/// (<c>.spectral.yaml</c>), with the few rules that are wrong for this API turned off there, each with its reason.
/// The linters are the versions pinned in <c>eng/openapi-lint/package.json</c>: <c>.ci/run</c> installs them there
/// with <c>npm ci</c> and sets <c>DISPUTES_OPENAPI_LINT=required</c>, so in CI a missing linter fails this test. Run
/// elsewhere, the test uses that folder when it is installed, else <c>npx</c> (which fetches the pinned versions
/// from the npm registry), and is skipped on a machine without Node.js. The document linted is the Development one
/// (a superset of Production's: it adds the anonymous sign-in), written to <c>DISPUTES_OPENAPI_OUT</c> when set
/// (CI: <c>TestResults/openapi/v1.json</c>).
/// </summary>
public sealed class when_the_api_description_is_linted
{
    private static readonly TimeSpan LinterTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task redocly_recommended_finds_nothing()
    {
        var linters = Linters.Find();
        var document = await WriteDocumentAsync();

        var run = await linters.RunAsync("@redocly/cli", "redocly", ["lint", document, "--config", Linters.InRepository("redocly.yaml"), "--format", "json"]);

        // Redocly exits 0 on warnings; the JSON report counts them too, and a warning counts here.
        var report = run.StandardOutput.IndexOf('{', StringComparison.Ordinal) is var start and >= 0
            ? JsonNode.Parse(run.StandardOutput[start..])
            : null;
        Assert.True(report?["totals"] is not null, $"redocly lint wrote no report (exit code {run.ExitCode}):\n{run.Output}");
        var problems = report["problems"]!.AsArray().Select(p =>
            $"{p!["severity"]} {p["ruleId"]} at {p["location"]?[0]?["pointer"]}: {p["message"]}").ToList();
        Assert.True(run.ExitCode == 0 && problems.Count == 0,
            $"redocly lint (recommended) found {problems.Count} problem(s) in {document}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public async Task spectral_oas_finds_nothing()
    {
        var linters = Linters.Find();
        var document = await WriteDocumentAsync();

        var run = await linters.RunAsync("@stoplight/spectral-cli", "spectral",
            ["lint", document, "--ruleset", Linters.InRepository(".spectral.yaml"), "--fail-severity", "hint", "--display-only-failures"]);

        Assert.True(run.ExitCode == 0, $"spectral lint (spectral:oas) found problems in {document}:\n{run.Output}");
    }

    /// <summary>
    /// The document as <c>/openapi/v1.json</c> serves it in Development, where it also lists the anonymous sign-in
    /// (<c>POST /api/dev/tokens</c>): made by the document provider of a host that is built, never started, so
    /// nothing connects to a database.
    /// </summary>
    private static async Task<string> WriteDocumentAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Disputes"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
            ["Disputes:Auth:SigningKey"] = "openapi-lint-signing-key-0123456789-0123456789",
        });
        await builder.AddDisputesAsync();
        await using var app = builder.Build();
        app.UseDisputes(); // HTTP endpoints are discovered when mapped

        var document = await app.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DisputesOpenApi.DocumentName)
            .GetOpenApiDocumentAsync(TestContext.Current.CancellationToken);
        var version = app.Services.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get(DisputesOpenApi.DocumentName).OpenApiVersion;
        await using var json = new StringWriter(CultureInfo.InvariantCulture);
        var writer = new OpenApiJsonWriter(json);
        switch (version)
        {
            case OpenApiSpecVersion.OpenApi3_0:
                document.SerializeAsV3(writer);
                break;
            default:
                document.SerializeAsV31(writer);
                break;
        }

        await writer.FlushAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(JsonNode.Parse(json.ToString())?["paths"]?["/api/dev/tokens"]);

        var path = Environment.GetEnvironmentVariable("DISPUTES_OPENAPI_OUT") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), $"disputes-openapi-{Environment.ProcessId}", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, json.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private sealed record Run(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => $"{StandardOutput}\n{StandardError}".Trim();
    }

    /// <summary>Where the linters come from: the installed folder, or npx with the same pinned versions.</summary>
    private sealed class Linters
    {
        private readonly string? binaries;

        private Linters(string? binaries) => this.binaries = binaries;

        private static string Folder => InRepository("eng", "openapi-lint");

        public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot(), .. parts]);

        public static Linters Find()
        {
            var required = Environment.GetEnvironmentVariable("DISPUTES_OPENAPI_LINT") == "required";
            var installed = Path.Combine(Folder, "node_modules", ".bin");
            if (File.Exists(Path.Combine(installed, "redocly")) && File.Exists(Path.Combine(installed, "spectral")))
            {
                return new Linters(installed);
            }

            Assert.False(required,
                $"The OpenAPI linters are not installed in {Folder}: .ci/run installs them with `npm ci` from the npm registry; see its output for why that failed.");
            if (OnPath("npx") is null)
            {
                Assert.Skip("Node.js (npx) is not on this machine; .ci/run installs the OpenAPI linters and runs this test.");
            }

            return new Linters(null);
        }

        public async Task<Run> RunAsync(string package, string command, IReadOnlyList<string> arguments)
        {
            var start = binaries is not null
                ? new ProcessStartInfo(Path.Combine(binaries, command))
                : new ProcessStartInfo(OnPath("npx")!) { ArgumentList = { "--yes", "--package", $"{package}@{PinnedVersion(package)}", "--", command } };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.WorkingDirectory = RepositoryRoot();
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            start.Environment["NO_UPDATE_NOTIFIER"] = "1";
            start.Environment["NO_COLOR"] = "1";
            start.Environment["FORCE_COLOR"] = "0";

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(LinterTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{command} did not finish within {LinterTimeout.TotalSeconds:0} s.");
            }

            return new Run(process.ExitCode, await output, await errors);
        }

        private static string PinnedVersion(string package)
        {
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "package.json")))!;
            return manifest["devDependencies"]?[package]?.GetValue<string>()
                ?? throw new InvalidOperationException($"eng/openapi-lint/package.json pins no version of {package}.");
        }

        private static string? OnPath(string program) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, program))
                .FirstOrDefault(File.Exists);

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Disputes.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Run the tests from inside the repository.");
        }
    }
}
