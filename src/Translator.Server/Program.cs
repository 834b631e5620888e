using Translator.Server.Hosting;
using Translator.Server.Hosting.Connections;
using Translator.Server.Hosting.Shutdown;

var builder = WebApplication.CreateBuilder(args);

builder.AddTranslatorTelemetry();
builder.AddTranslatorPrometheus();
builder.AddTranslatorServices();
builder.AddTranslatorAccess();
builder.AddTranslatorHttpApi();
builder.AddTranslatorCaching();
builder.AddTranslatorGracefulShutdown();
builder.AddTranslatorConnectionRecycling();

var app = builder.Build();

app.UseTranslatorAccess();
app.MapTranslatorEndpoints();
app.MapTranslatorHttpApi();
app.MapTranslatorPrometheus();

app.Run();

/// <summary>The host's entry point; public so integration tests can start it in memory.</summary>
public partial class Program;
