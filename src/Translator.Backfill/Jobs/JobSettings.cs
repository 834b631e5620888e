namespace Translator.Backfill.Jobs;

/// <summary>How an enqueued article is to be translated; travels with every queue entry, so workers need nothing else.</summary>
internal sealed record JobSettings(string SourceLanguage, IReadOnlyList<string> TargetLanguages, string? GlossaryId, bool Clean);

/// <summary>One article taken from the queue by a worker.</summary>
/// <param name="EntryId">The stream entry id, acknowledged once the article is done or given up.</param>
/// <param name="Attempt">Zero-based: how many times the article has failed before.</param>
internal sealed record QueuedArticle(string EntryId, string ArticleId, string Line, JobSettings Settings, int Attempt);

/// <summary>A job's progress: <c>pending</c> waits in the queue, <c>in_progress</c> is held by a worker.</summary>
internal sealed record JobStatus(long Total, long Done, long Failed, long Pending, long InProgress, long BilledCharacters);
