using Google.Protobuf;
using Translator.Protos.V1;

namespace Translator.Cli;

/// <summary>Writes responses for people (plain text) or for programs (one JSON document per message).</summary>
internal sealed class TranslationPrinter(TextWriter output, JsonFormatter? json)
{
    public void Print(TranslateArticleResponse response)
    {
        if (json is not null)
        {
            output.WriteLine(json.Format(response));
            return;
        }
        foreach (var translation in response.Translations)
        {
            PrintArticle(translation);
        }
    }

    public void Print(StreamTranslateArticleResponse message)
    {
        if (json is not null)
        {
            // One compact document per line, so a consumer can process the stream line by line.
            output.WriteLine(JsonFormatter.Default.Format(message));
            output.Flush();
            return;
        }
        switch (message.EventCase)
        {
            case StreamTranslateArticleResponse.EventOneofCase.Segment:
                var s = message.Segment;
                var where = s.Part == ArticlePart.Title ? "title" : $"{s.ParagraphIndex + 1}.{s.SegmentIndex + 1}";
                output.WriteLine($"[{s.TargetLanguage} {where}{(s.Segment.FromCache ? " cached" : "")}] {s.Segment.TranslatedText}");
                break;
            case StreamTranslateArticleResponse.EventOneofCase.Completed:
                var stats = message.Completed.Stats;
                output.WriteLine($"[{message.Completed.TargetLanguage} done] {stats.Segments} segments, {stats.CacheHits} from cache, {stats.ProviderCharacters} characters sent");
                break;
        }
        output.Flush();
    }

    public void Print(SegmentArticleResponse response)
    {
        if (json is not null)
        {
            output.WriteLine(json.Format(response));
            return;
        }
        if (response.Title.Length > 0)
        {
            output.WriteLine($"# {response.Title}");
        }
        for (var p = 0; p < response.Paragraphs.Count; p++)
        {
            output.WriteLine();
            foreach (var (segment, s) in response.Paragraphs[p].Segments.Select((x, i) => (x, i)))
            {
                output.WriteLine($"{p + 1}.{s + 1}\t{segment.Text}");
            }
        }
    }

    public void Print(CleanArticleResponse response)
    {
        if (json is not null)
        {
            output.WriteLine(json.Format(response));
            return;
        }
        if (response.Title.Length > 0)
        {
            output.WriteLine($"# {response.Title}");
        }
        foreach (var (label, value) in new[] { ("dateline", response.Dateline), ("byline", response.Byline), ("date", response.PublicationDate) })
        {
            if (value.Length > 0)
            {
                output.WriteLine($"{label}: {value}");
            }
        }
        foreach (var paragraph in response.Paragraphs)
        {
            output.WriteLine();
            output.WriteLine(paragraph);
        }
        // The audit trail goes to the end, one line per block, so the article above can be copied as it is.
        output.WriteLine();
        foreach (var dropped in response.Dropped)
        {
            output.WriteLine($"- dropped ({dropped.Reason}): {dropped.Text}");
        }
    }

    private void PrintArticle(TranslatedArticle article)
    {
        output.WriteLine($"== {article.TargetLanguage} ==");
        if (article.Title.Length > 0)
        {
            output.WriteLine(article.Title);
            output.WriteLine();
        }
        foreach (var paragraph in article.Paragraphs)
        {
            output.WriteLine(paragraph.Text);
            output.WriteLine();
        }
        output.WriteLine($"({article.Stats.Segments} segments, {article.Stats.CacheHits} from cache, {article.Stats.ProviderCharacters} characters sent)");
    }
}
