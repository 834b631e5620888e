namespace Translator.Core.Articles;

/// <summary>An article reduced to what the pipeline translates: an optional title and body paragraphs.</summary>
public sealed record SourceArticle(string? Id, string? Title, IReadOnlyList<string> Paragraphs)
{
    /// <summary>Characters the article holds, the unit every size limit is stated in.</summary>
    public int Length => (Title?.Length ?? 0) + Paragraphs.Sum(p => p.Length);
}
