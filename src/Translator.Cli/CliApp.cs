using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Translator.Protos.V1;

namespace Translator.Cli;

/// <summary>The <c>translator</c> command line: a thin gRPC client of the Translator service.</summary>
internal static class CliApp
{
    public const string DefaultServer = "http://localhost:5080";

    /// <summary>
    /// Unary responses are one message: an article of the largest size the server accepts, translated into many
    /// languages with per-segment detail, is well over gRPC's 4 MB default. The request itself stays bounded by
    /// the server's limit (RESOURCE_EXHAUSTED, exit 2).
    /// </summary>
    public const int MaxResponseBytes = 256 * 1024 * 1024;

    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation());

    public static RootCommand Build(TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        var input = stdin ?? Console.In;

        var connection = new Connection(DefaultServer);
        var from = new Option<string>("--from")
        {
            Description = "BCP-47 language of the article.",
            DefaultValueFactory = _ => "en",
            Recursive = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the server's response as JSON.", Recursive = true };
        var file = new Argument<string>("file") { Description = "Article file: plain text (blank lines between paragraphs) or HTML; - reads standard input." };
        var to = new Option<string>("--to")
        {
            Description = "Target languages, comma-separated BCP-47 tags (e.g. ko,ru,ja).",
            Required = true,
        };
        var stream = new Option<bool>("--stream") { Description = "Print segments as they are translated." };
        var glossary = new Option<string?>("--glossary") { Description = "Glossary id (default: the server's default glossary)." };
        var clean = new Option<bool>("--clean") { Description = "Cut the article out of a scraped page first (HTML is always cleaned)." };

        var translate = new Command("translate", "Translate an article into one or more languages.") { file, to, stream, glossary, clean };
        translate.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var client = new TranslationService.TranslationServiceClient(invoker);
            var article = await ArticleFile.ReadAsync(parse.GetValue(file)!, input, ct);
            var targets = parse.GetValue(to)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var printer = new TranslationPrinter(output, parse.GetValue(json) ? Json : null);
            if (parse.GetValue(stream))
            {
                var request = new StreamTranslateArticleRequest { Article = article, SourceLanguage = parse.GetValue(from)!, TargetLanguages = { targets }, GlossaryId = parse.GetValue(glossary) ?? "", Clean = parse.GetValue(clean) };
                using var call = client.StreamTranslateArticle(request, cancellationToken: ct);
                await foreach (var message in call.ResponseStream.ReadAllAsync(ct))
                {
                    printer.Print(message);
                }
            }
            else
            {
                var request = new TranslateArticleRequest { Article = article, SourceLanguage = parse.GetValue(from)!, TargetLanguages = { targets }, GlossaryId = parse.GetValue(glossary) ?? "", Clean = parse.GetValue(clean) };
                printer.Print(await client.TranslateArticleAsync(request, cancellationToken: ct));
            }
        }));

        var segmentFile = new Argument<string>("file") { Description = "Article file, as for translate." };
        var segment = new Command("segment", "Print an article's paragraphs and sentence segments.") { segmentFile };
        segment.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var article = await ArticleFile.ReadAsync(parse.GetValue(segmentFile)!, input, ct);
            var response = await new TranslationService.TranslationServiceClient(invoker).SegmentArticleAsync(new SegmentArticleRequest { Article = article, SourceLanguage = parse.GetValue(from)! }, cancellationToken: ct);
            new TranslationPrinter(output, parse.GetValue(json) ? Json : null).Print(response);
        }));

        var cleanFile = new Argument<string>("file") { Description = "Scraped page, as for translate." };
        var cleanCommand = new Command("clean", "Print the article cut out of a scraped page, and what was dropped.") { cleanFile };
        cleanCommand.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var article = await ArticleFile.ReadAsync(parse.GetValue(cleanFile)!, input, ct);
            var response = await new TranslationService.TranslationServiceClient(invoker).CleanArticleAsync(new CleanArticleRequest { Article = article }, cancellationToken: ct);
            new TranslationPrinter(output, parse.GetValue(json) ? Json : null).Print(response);
        }));

        return new RootCommand($"Client for the Translator gRPC service. {ExitCodes.Help}")
        {
            Options = { connection.Server, connection.ApiKey, from, json },
            Subcommands =
            {
                translate,
                segment,
                cleanCommand,
                ReviewCommands.Build(connection, from, glossary, output, errors, input),
                AdminCommands.Build(connection, output, errors, parse => parse.GetValue(json) ? Json : null),
            },
        };
    }

    /// <summary>Runs one call and turns its outcome into an exit code and a message on standard error.</summary>
    internal static async Task<int> RunAsync(string server, TextWriter errors, Func<GrpcChannel, Task> call)
    {
        try
        {
            using var channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions { MaxReceiveMessageSize = MaxResponseBytes });
            await call(channel);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"error: cannot read or write a file: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (RpcException ex)
        {
            await errors.WriteLineAsync($"error: {ex.StatusCode}: {ex.Status.Detail}");
            foreach (var violation in ex.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations ?? [])
            {
                await errors.WriteLineAsync($"  {violation.Field}: {violation.Description}");
            }
            return ex.StatusCode switch
            {
                StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition => ExitCodes.InvalidInput,
                // The provider's quota comes back; a message over the size limit never will.
                StatusCode.ResourceExhausted when ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason == "PROVIDER_QUOTA_EXCEEDED" => ExitCodes.Unavailable,
                // A per-minute rate limit says when to come back.
                StatusCode.ResourceExhausted when ex.GetRpcStatus()?.GetDetail<Google.Rpc.RetryInfo>() is not null => ExitCodes.Unavailable,
                StatusCode.ResourceExhausted => ExitCodes.InvalidInput,
                StatusCode.Unavailable => ExitCodes.Unavailable,
                StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.Denied,
                _ => ExitCodes.Failed,
            };
        }
    }
}
