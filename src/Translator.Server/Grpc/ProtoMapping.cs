using Translator.Core.Cleaning;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Segmentation;
using Proto = Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>Maps the core's results onto the wire contract.</summary>
internal static class ProtoMapping
{
    public static Proto.TranslatedArticle ToProto(this TranslatedArticle article, Proto.TranslationView view) => new()
    {
        TargetLanguage = article.TargetLanguage,
        Title = article.Title?.Text ?? "",
        Paragraphs = { article.Paragraphs.Select(p => p.ToProto(view)) },
        Stats = new Proto.TranslationStats
        {
            Segments = article.Stats.Segments,
            CacheHits = article.Stats.CacheHits,
            ProviderCharacters = article.Stats.ProviderCharacters,
        },
        Glossary = article.Glossary.ToProto(),
    };

    private static Proto.GlossaryReport ToProto(this GlossaryReport report) => new()
    {
        GlossaryId = report.GlossaryId ?? "",
        GlossaryVersion = report.GlossaryVersion,
        Applied = { report.Applied.Select(a => new Proto.AppliedGlossaryEntry { Term = a.Term, Rendering = a.Rendering, Occurrences = a.Occurrences }) },
        Violations =
        {
            report.Violations.Select(v => new Proto.GlossaryViolation
            {
                Term = v.Term,
                ExpectedRendering = v.ExpectedRendering,
                Part = v.Location.Part.ToProto(),
                ParagraphIndex = v.Location.Paragraph,
                SegmentIndex = v.Location.Segment,
            }),
        },
        RepairedPlaceholders = report.RepairedPlaceholders,
        ResolvedShortForms =
        {
            report.ResolvedShortForms.Select(r => new Proto.ResolvedShortForm { ShortForm = r.ShortForm, Term = r.Term, Rendering = r.Rendering, Occurrences = r.Occurrences }),
        },
        UnresolvedShortForms =
        {
            report.UnresolvedShortForms.Select(u => new Proto.UnresolvedShortForm
            {
                ShortForm = u.ShortForm,
                Problem = u.Problem == ShortFormProblem.Ambiguous ? Proto.ShortFormProblem.Ambiguous : Proto.ShortFormProblem.NoFullMention,
                Candidates = { u.Candidates },
                Occurrences = u.Occurrences,
            }),
        },
    };

    public static Proto.StreamTranslateArticleResponse ToProto(this PipelineEvent e, Proto.TranslationView view) => e switch
    {
        SegmentTranslated s => new Proto.StreamTranslateArticleResponse
        {
            Segment = new Proto.TranslatedSegmentEvent
            {
                TargetLanguage = s.TargetLanguage,
                Part = s.Location.Part.ToProto(),
                ParagraphIndex = s.Location.Paragraph,
                SegmentIndex = s.Location.Segment,
                Segment = s.Segment.ToProto(),
            },
        },
        ArticleTranslated a => new Proto.StreamTranslateArticleResponse { Completed = a.Article.ToProto(view) },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown pipeline event."),
    };

    public static Proto.SegmentArticleResponse ToProto(this SegmentedArticle article) => new()
    {
        Title = article.Title?.Text ?? "",
        Paragraphs =
        {
            article.Paragraphs.Select(p => new Proto.SegmentedParagraph
            {
                Text = p.Text,
                Segments = { p.Segments.Select(s => new Proto.Segment { Text = s.Of(p.Text), Start = s.Start, Length = s.Length }) },
            }),
        },
    };

    private static Proto.ArticlePart ToProto(this ArticlePart part) =>
        part == ArticlePart.Title ? Proto.ArticlePart.Title : Proto.ArticlePart.Body;

    private static Proto.TranslatedParagraph ToProto(this TranslatedParagraph paragraph, Proto.TranslationView view)
    {
        var proto = new Proto.TranslatedParagraph { Text = paragraph.Text };
        if (view != Proto.TranslationView.Basic)
        {
            foreach (var segment in paragraph.Segments)
            {
                proto.Segments.Add(segment.ToProto());
            }
        }
        return proto;
    }

    private static Proto.TranslatedSegment ToProto(this TranslatedSegment segment) => new()
    {
        SourceText = segment.SourceText,
        TranslatedText = segment.Text,
        FromCache = segment.FromCache,
        Provider = segment.Provider,
        Origin = segment.Origin switch
        {
            SegmentOrigin.Cache => Proto.SegmentOrigin.Cache,
            SegmentOrigin.Human => Proto.SegmentOrigin.Human,
            _ => Proto.SegmentOrigin.Provider,
        },
    };

    public static Proto.CleanArticleResponse ToProto(this CleanedArticle article) => new()
    {
        Title = article.Title ?? "",
        Dateline = article.Dateline ?? "",
        Byline = article.Byline ?? "",
        PublicationDate = article.PublicationDate ?? "",
        Paragraphs = { article.Paragraphs },
        Dropped = { article.Dropped.Select(d => new Proto.DroppedBlock { Text = d.Text, Reason = d.Reason.ToProto() }) },
    };

    private static Proto.DropReason ToProto(this DropReason reason) => reason switch
    {
        DropReason.Navigation => Proto.DropReason.Navigation,
        DropReason.Caption => Proto.DropReason.Caption,
        DropReason.Teaser => Proto.DropReason.Teaser,
        DropReason.Boilerplate => Proto.DropReason.Boilerplate,
        DropReason.Markup => Proto.DropReason.Markup,
        DropReason.RepeatedTitle => Proto.DropReason.RepeatedTitle,
        DropReason.Duplicate => Proto.DropReason.Duplicate,
        DropReason.AuthorBio => Proto.DropReason.AuthorBio,
        DropReason.OutsideArticle => Proto.DropReason.OutsideArticle,
        DropReason.Fragment => Proto.DropReason.Fragment,
        _ => Proto.DropReason.Unspecified,
    };
}
