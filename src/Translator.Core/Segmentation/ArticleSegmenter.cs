using Translator.Core.Articles;

namespace Translator.Core.Segmentation;

/// <summary>An article split into paragraphs and sentence segments.</summary>
public sealed record SegmentedArticle(SegmentedParagraph? Title, IReadOnlyList<SegmentedParagraph> Paragraphs);

/// <summary>One paragraph and the spans of its sentences.</summary>
public sealed record SegmentedParagraph(string Text, IReadOnlyList<TextSpan> Segments)
{
    public string SegmentText(int index) => Segments[index].Of(Text);
}

/// <summary>Applies the sentence segmenter to every paragraph of an article.</summary>
public sealed class ArticleSegmenter(ISentenceSegmenter segmenter)
{
    public SegmentedArticle Segment(SourceArticle article, string sourceLanguage)
    {
        var title = string.IsNullOrWhiteSpace(article.Title)
            ? null
            // A headline is one unit even when it holds a full stop ("U.S. warns N. Korea").
            : new SegmentedParagraph(article.Title.Trim(), [new TextSpan(0, article.Title.Trim().Length)]);
        var paragraphs = article.Paragraphs
            .Select(p => new SegmentedParagraph(p, segmenter.Split(p, sourceLanguage)))
            .ToArray();
        return new SegmentedArticle(title, paragraphs);
    }
}
