using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using Translator.Backfill;
using Translator.Core;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Backfill.Tests;

/// <summary>One real Redis for the test class.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartNewAsync(CancellationToken.None);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Runs <c>translator-backfill</c> commands in-process against a real Redis, with a counting provider in
/// place of DeepL and a temp directory for archives and output.
/// </summary>
internal sealed class BackfillHarness : IDisposable
{
    private readonly RedisServer _redis;
    private readonly Dictionary<string, string?> _settings;

    public BackfillHarness(RedisServer redis, CountingProvider? provider = null, IDictionary<string, string?>? settings = null)
    {
        _redis = redis;
        Provider = provider ?? new CountingProvider();
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Translation:Provider"] = Provider.Name,
            ["Backfill:IdlePoll"] = "00:00:00.020",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public CountingProvider Provider { get; }

    public string RedisConnectionString => _redis.ConnectionString;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("backfill-tests-").FullName;

    public string Output => Path.Combine(Directory, "out");

    /// <summary>A job id no other test uses (the Redis is shared by the class).</summary>
    public string Job { get; } = "job-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The repository's syndicated articles as plain-text archive lines (title, then paragraphs).</summary>
    public static IReadOnlyList<(string Title, string Text)> Corpus { get; } =
        System.IO.Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "bench", "corpus", "syndicated"), "*.txt").Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Select(t => t.Split("\n\n", 2))
            .Select(parts => (parts[0].Trim(), parts[1].Trim()))
            .ToArray();

    public static string Line(string id, string title, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["id"] = id, ["title"] = title, ["text"] = text });

    public string WriteArchive(params string[] lines)
    {
        var path = Path.Combine(Directory, $"archive-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await BackfillApp.Build(Configure, stdout, stderr).Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command with <c>--json</c> and parses its one JSON object.</summary>
    public async Task<JsonObject> RunJsonAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync([.. args, "--json"]);
        Assert.True(code == 0, $"exit code {code}: {stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    public Task<JsonObject> StatusAsync() => RunJsonAsync("status", "--job", Job);

    public IDatabase Database()
    {
        var multiplexer = ConnectionMultiplexer.Connect(_redis.ConnectionString);
        return multiplexer.GetDatabase();
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Configure(HostApplicationBuilder builder)
    {
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.Services.AddKeyedSingleton<ITranslationProvider>(Provider.Name, Provider);
        builder.Services.AddSingleton(new TranslatorCoreServiceCollectionExtensions.ProviderRegistration(Provider.Name));
    }
}
