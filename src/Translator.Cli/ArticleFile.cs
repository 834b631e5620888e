using Translator.Protos.V1;

namespace Translator.Cli;

/// <summary>Reads an article from a file (or standard input for "-").</summary>
internal static class ArticleFile
{
    public static async Task<Article> ReadAsync(string path, TextReader stdin, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"{path} is a directory; give an article file (or - for standard input).");
        }
        var content = path == "-"
            ? await stdin.ReadToEndAsync(cancellationToken)
            : await File.ReadAllTextAsync(path, cancellationToken);
        var id = path == "-" ? "stdin" : Path.GetFileName(path);
        var isHtml = Path.GetExtension(path).ToLowerInvariant() is ".html" or ".htm"
            || content.TrimStart().StartsWith('<');
        return isHtml ? new Article { Id = id, Html = content } : new Article { Id = id, Text = content };
    }
}
