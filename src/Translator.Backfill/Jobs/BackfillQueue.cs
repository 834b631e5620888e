using StackExchange.Redis;

namespace Translator.Backfill.Jobs;

/// <summary>
/// A backfill job in Redis. The work queue is a stream read through one consumer group: a worker takes an
/// entry with XREADGROUP, acknowledges and deletes it only once the article's file is written, and entries a
/// dead worker held are taken over with XAUTOCLAIM. So the stream holds exactly the unfinished articles. A set
/// of enqueued ids makes enqueuing idempotent; a set of done ids, a hash of failures with their reasons and a
/// billed-characters counter make the progress every worker and <c>status</c> sees. All keys share the hash
/// tag <c>{job}</c>, so a job lives on one Redis Cluster slot and its scripts and transactions stay valid.
/// </summary>
internal sealed class BackfillQueue(IConnectionMultiplexer redis, string jobId)
{
    public const string GroupName = "workers";
    public const int MaxJobIdLength = 128;

    // SADD says whether the id is new; only then is it queued. One script, so a crash cannot leave an id
    // recorded but never queued.
    private const string EnqueueScript = """
        if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('XADD', KEYS[2], '*', 'id', ARGV[1], 'article', ARGV[2], 'from', ARGV[3], 'to', ARGV[4], 'glossary', ARGV[5], 'clean', ARGV[6], 'attempt', '0')
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>The stream KEDA and operators watch: its length is the job's unfinished work.</summary>
    public RedisKey StreamKey { get; } = $"backfill:{{{jobId}}}:queue";

    private RedisKey IdsKey { get; } = $"backfill:{{{jobId}}}:ids";

    private RedisKey DoneKey { get; } = $"backfill:{{{jobId}}}:done";

    private RedisKey FailedKey { get; } = $"backfill:{{{jobId}}}:failed";

    private RedisKey BilledKey { get; } = $"backfill:{{{jobId}}}:billed";

    public static bool IsValidJobId(string id) =>
        id.Length is > 0 and <= MaxJobIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Creates the stream and its consumer group if this is the job's first enqueue.</summary>
    public async Task CreateAsync()
    {
        try
        {
            await Db.StreamCreateConsumerGroupAsync(StreamKey, GroupName, StreamPosition.Beginning, createStream: true).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // The job exists already: enqueuing more into it is allowed.
        }
    }

    public async Task<bool> ExistsAsync() => await Db.KeyExistsAsync(StreamKey).ConfigureAwait(false);

    /// <returns>Whether the article was queued; false when the job already had its id.</returns>
    public async Task<bool> EnqueueAsync(string articleId, string line, JobSettings settings)
    {
        var added = await Db.ScriptEvaluateAsync(EnqueueScript, [IdsKey, StreamKey],
            [articleId, line, settings.SourceLanguage, string.Join(',', settings.TargetLanguages), settings.GlossaryId ?? "", settings.Clean ? "1" : "0"]).ConfigureAwait(false);
        return (long)added == 1;
    }

    /// <summary>An article no worker has taken yet, or null when there is none.</summary>
    public async Task<QueuedArticle?> TakeNewAsync(string consumer)
    {
        var entries = await Db.StreamReadGroupAsync(StreamKey, GroupName, consumer, StreamPosition.NewMessages, count: 1).ConfigureAwait(false);
        return entries.Length == 0 ? null : ToArticle(entries[0]);
    }

    /// <summary>An article a worker has held for longer than <paramref name="idle"/> (it died), now this consumer's; or null.</summary>
    public async Task<QueuedArticle?> TakeAbandonedAsync(string consumer, TimeSpan idle)
    {
        var claimed = await Db.StreamAutoClaimAsync(StreamKey, GroupName, consumer, (long)idle.TotalMilliseconds, "0-0", count: 1).ConfigureAwait(false);
        // Redis 6.2 lists a claimed entry deleted meanwhile as nil; later versions leave it out.
        return claimed.ClaimedEntries.Where(e => !e.Id.IsNull).Select(ToArticle).FirstOrDefault();
    }

    /// <summary>Articles workers hold right now.</summary>
    public async Task<long> InProgressAsync() =>
        (await Db.StreamPendingAsync(StreamKey, GroupName).ConfigureAwait(false)).PendingMessageCount;

    /// <summary>Records the article done and takes it off the queue, in one transaction.</summary>
    public Task CompleteAsync(QueuedArticle article, long billedCharacters) =>
        FinishAsync(article, t =>
        {
            _ = t.SetAddAsync(DoneKey, article.ArticleId);
            _ = t.HashDeleteAsync(FailedKey, article.ArticleId);
            _ = t.StringIncrementAsync(BilledKey, billedCharacters);
        });

    /// <summary>Records the article failed with its reason and takes it off the queue.</summary>
    public Task FailAsync(QueuedArticle article, string reason, long billedCharacters) =>
        FinishAsync(article, t =>
        {
            _ = t.HashSetAsync(FailedKey, article.ArticleId, reason);
            _ = t.StringIncrementAsync(BilledKey, billedCharacters);
        });

    /// <summary>Puts the article back at the end of the queue for another attempt.</summary>
    public Task RetryAsync(QueuedArticle article, long billedCharacters) =>
        FinishAsync(article, t =>
        {
            _ = t.StreamAddAsync(StreamKey,
            [
                new("id", article.ArticleId), new("article", article.Line), new("from", article.Settings.SourceLanguage),
                new("to", string.Join(',', article.Settings.TargetLanguages)), new("glossary", article.Settings.GlossaryId ?? ""),
                new("clean", article.Settings.Clean ? "1" : "0"), new("attempt", article.Attempt + 1),
            ]);
            _ = t.StringIncrementAsync(BilledKey, billedCharacters);
        });

    public async Task<JobStatus> StatusAsync()
    {
        var batch = Db.CreateBatch();
        var total = batch.SetLengthAsync(IdsKey);
        var done = batch.SetLengthAsync(DoneKey);
        var failed = batch.HashLengthAsync(FailedKey);
        var queued = batch.StreamLengthAsync(StreamKey);
        var pending = batch.StreamPendingAsync(StreamKey, GroupName);
        var billed = batch.StringGetAsync(BilledKey);
        batch.Execute();
        await Task.WhenAll(total, done, failed, queued, pending, billed).ConfigureAwait(false);
        var inProgress = pending.Result.PendingMessageCount;
        return new JobStatus(total.Result, done.Result, failed.Result, Math.Max(0, queued.Result - inProgress), inProgress,
            billed.Result.TryParse(out long b) ? b : 0);
    }

    /// <summary>The job's failures: article id and reason.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FailuresAsync() =>
        (await Db.HashGetAllAsync(FailedKey).ConfigureAwait(false)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Every queued entry, for estimating; reads the stream in pages so a large job is never held at once.</summary>
    public async IAsyncEnumerable<QueuedArticle> ReadAllAsync(int pageSize = 500)
    {
        RedisValue after = "-";
        while (true)
        {
            var page = await Db.StreamRangeAsync(StreamKey, after, "+", pageSize).ConfigureAwait(false);
            foreach (var entry in page)
            {
                yield return ToArticle(entry);
            }
            if (page.Length < pageSize)
            {
                yield break;
            }
            after = "(" + page[^1].Id;
        }
    }

    private async Task FinishAsync(QueuedArticle article, Action<ITransaction> record)
    {
        var transaction = Db.CreateTransaction();
        record(transaction);
        _ = transaction.StreamAcknowledgeAsync(StreamKey, GroupName, article.EntryId);
        _ = transaction.StreamDeleteAsync(StreamKey, [article.EntryId]);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    private static QueuedArticle ToArticle(StreamEntry entry)
    {
        var targets = ((string?)entry["to"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var glossary = (string?)entry["glossary"];
        return new QueuedArticle(entry.Id!, (string?)entry["id"] ?? "", (string?)entry["article"] ?? "",
            new JobSettings((string?)entry["from"] ?? "en", targets, string.IsNullOrEmpty(glossary) ? null : glossary, (string?)entry["clean"] == "1"),
            entry["attempt"].TryParse(out int attempt) ? attempt : 0);
    }
}
