using Disputes.Api.Hosting;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Xunit;

namespace Disputes.Tests.Operations;

/// <summary>
/// Production loads Wolverine's handler code from src/Disputes.Api/Internal/Generated instead of compiling it
/// at start-up. This test generates the code afresh and compares: it fails when a handler or endpoint changed
/// without `dotnet run --project src/Disputes.Api -- codegen write` being run again.
/// </summary>
public sealed class when_the_pre_generated_code_is_checked
{
    [Fact]
    public async Task the_committed_code_matches_what_the_handlers_generate_now()
    {
        var committed = Path.Combine(RepositoryRoot(), "src", "Disputes.Api", "Internal", "Generated");
        var fresh = Directory.CreateTempSubdirectory("disputes-codegen-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // The host is built, never started: nothing connects to this database.
                ["ConnectionStrings:Disputes"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
                ["Disputes:Auth:SigningKey"] = "codegen-check-signing-key-0123456789-0123456789",
            });
            await builder.AddDisputesAsync();
            await using var app = builder.Build();
            app.UseDisputes(); // HTTP endpoints are discovered when mapped
            app.Services.GetRequiredService<WolverineOptions>().CodeGeneration.GeneratedCodeOutputPath = fresh;

            var collections = app.Services.GetServices<ICodeFileCollection>().ToArray();
            new DynamicCodeBuilder(app.Services, collections)
            {
                // As the codegen command does: services are resolved the way the running host resolves them.
                ServiceVariableSource = app.Services.GetService<IServiceVariableSource>(),
            }.WriteGeneratedCode(_ => { });

            var expected = Files(fresh);
            var actual = Files(committed);
            Assert.True(expected.Count > 0, "No code was generated.");
            var stale = expected.Keys.Union(actual.Keys)
                .Where(file => !actual.TryGetValue(file, out var a) || !expected.TryGetValue(file, out var e) || a != e)
                .Order()
                .ToList();
            Assert.True(stale.Count == 0,
                $"The pre-generated code is stale; run `dotnet run --project src/Disputes.Api -- codegen write`. Differs: {string.Join(", ", stale)}");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("DISPUTES_KEEP_CODEGEN") is null)
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> Files(string root) => Directory.Exists(root)
        ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => File.ReadAllText(f).ReplaceLineEndings("\n").Trim())
        : [];

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
