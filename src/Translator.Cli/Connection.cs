using System.CommandLine;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Translator.Cli;

/// <summary>
/// Where and as whom every command calls: <c>--server</c> (http:// is h2c, https:// is TLS with the system's
/// trusted roots) and <c>--api-key</c> or <c>TRANSLATOR_API_KEY</c>, sent as <c>authorization: Bearer</c> metadata.
/// </summary>
internal sealed class Connection
{
    public const string ApiKeyVariable = "TRANSLATOR_API_KEY";

    public Connection(string defaultServer)
    {
        Server = new Option<string>("--server")
        {
            Description = "Translator server address (h2c for http://, TLS for https://).",
            DefaultValueFactory = _ => defaultServer,
            Recursive = true,
        };
        Server.Validators.Add(result =>
        {
            if (!Uri.TryCreate(result.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError("--server must be an absolute http:// or https:// address.");
            }
        });
        // No default value: System.CommandLine prints defaults in --help, and this one is a secret.
        ApiKey = new Option<string?>("--api-key")
        {
            Description = $"API key sent as 'authorization: Bearer <key>' on every call (default: ${ApiKeyVariable}).",
            Recursive = true,
        };
        ApiKey.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } key && !IsValidKey(key))
            {
                result.AddError("--api-key must be printable ASCII without spaces.");
            }
        });
    }

    public Option<string> Server { get; }

    public Option<string?> ApiKey { get; }

    /// <summary>Runs one call with the command line's server and key; see <see cref="CliApp.RunAsync"/> for exit codes.</summary>
    public async Task<int> RunAsync(ParseResult parse, TextWriter errors, Func<CallInvoker, Task> call)
    {
        var server = parse.GetValue(Server)!;
        var key = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            return await CliApp.RunAsync(server, errors, channel => call(channel.CreateCallInvoker()));
        }
        if (!IsValidKey(key))
        {
            await errors.WriteLineAsync($"error: {ApiKeyVariable} must be printable ASCII without spaces.");
            return ExitCodes.Usage;
        }
        if (new Uri(server) is { Scheme: "http", IsLoopback: false } plain)
        {
            await errors.WriteLineAsync($"warning: the API key goes to {plain.Host} unencrypted (http://); use https:// outside a trusted network.");
        }
        return await CliApp.RunAsync(server, errors, channel => call(channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {key}");
            return metadata;
        })));
    }

    private static bool IsValidKey(string key) => key.Length > 0 && key.All(c => c is > ' ' and < '\x7f');
}
