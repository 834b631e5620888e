using System.ComponentModel.DataAnnotations;

namespace Translator.Redis;

/// <summary>
/// The <c>Redis</c> configuration section: how the service talks to Redis. The connection itself is
/// <c>ConnectionStrings:Redis</c>; cache lifetime is <c>Translation:CacheTtl</c>.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>
    /// Longest one Redis command (a lookup, a pipelined write) may take before the service carries on
    /// without it. Translation never waits longer than this for the cache.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest one connection attempt may take; attempts repeat in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest pause between reconnection attempts while Redis is away.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Entries of the in-process tier in front of Redis (least recently used go first); 0 turns it off.</summary>
    [Range(0, 10_000_000)]
    public int LocalCacheEntries { get; set; } = 20_000;

    /// <summary>How long the in-process tier keeps an entry (never longer than <c>Translation:CacheTtl</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LocalCacheTtl { get; set; } = TimeSpan.FromMinutes(10);
}
