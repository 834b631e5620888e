using System.CommandLine;
using Translator.Protos.V1;

namespace Translator.Cli;

/// <summary>
/// <c>review export|import</c>: an article out to XLIFF 2.0 for a CAT tool (memoQ, Phrase, Okapi), and the
/// editor's reviewed or final segments back in as corrections.
/// </summary>
internal static class ReviewCommands
{
    public static Command Build(Connection connection, Option<string> from, Option<string?> glossary, TextWriter output, TextWriter errors, TextReader input)
    {
        var article = new Argument<string>("file") { Description = "Article file, as for translate." };
        var to = new Option<string>("--to") { Description = "Target language, one BCP-47 tag (e.g. ko).", Required = true };
        var outFile = new Option<string?>("--out") { Description = "Write the XLIFF document to this file instead of standard output." };
        var export = new Command("export", "Translate an article into one language and print it as XLIFF 2.0.") { article, to, glossary, outFile };
        export.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var request = new ExportXliffRequest
            {
                Article = await ArticleFile.ReadAsync(parse.GetValue(article)!, input, ct),
                SourceLanguage = parse.GetValue(from)!,
                TargetLanguage = parse.GetValue(to)!,
                GlossaryId = parse.GetValue(glossary) ?? "",
            };
            var response = await new ReviewService.ReviewServiceClient(invoker).ExportXliffAsync(request, cancellationToken: ct);
            if (parse.GetValue(outFile) is { } path)
            {
                await File.WriteAllTextAsync(path, response.Content, ct);
            }
            else
            {
                await output.WriteAsync(response.Content);
            }
        }));

        var xliff = new Argument<string>("xliff") { Description = "XLIFF 2.0 file saved by the CAT tool; - reads standard input." };
        var import = new Command("import", "Store the reviewed and final segments of an XLIFF 2.0 file as corrections.") { xliff };
        import.SetAction((parse, ct) => connection.RunAsync(parse, errors, async invoker =>
        {
            var path = parse.GetValue(xliff)!;
            var content = path == "-" ? await input.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
            var response = await new ReviewService.ReviewServiceClient(invoker).ImportXliffAsync(new ImportXliffRequest { Content = content }, cancellationToken: ct);
            await output.WriteLineAsync($"imported {response.Imported} corrections");
            foreach (var violation in response.Violations)
            {
                await output.WriteLineAsync($"  segment {violation.Index + 1}: \"{violation.Term}\" should be rendered \"{violation.ExpectedRendering}\"");
            }
        }));

        return new Command("review", "Editors' round trip through a CAT tool.") { export, import };
    }
}
