using Disputes.Api.Hosting;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);
await builder.AddDisputesAsync();

var app = builder.Build();
app.UseDisputes();

return await app.RunJasperFxCommands(args);

/// <summary>The service's entry point; public so tests can host it.</summary>
public partial class Program;
