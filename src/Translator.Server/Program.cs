using Translator.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddTranslatorTelemetry();
builder.AddTranslatorServices();
builder.AddTranslatorCaching();

var app = builder.Build();

app.MapTranslatorEndpoints();

app.Run();

/// <summary>The host's entry point; public so integration tests can start it in memory.</summary>
public partial class Program;
