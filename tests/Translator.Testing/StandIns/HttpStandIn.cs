using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Translator.Testing.StandIns;

/// <summary>One step of a stand-in's script; returns true when it wrote the response itself.</summary>
public delegate Task<bool> StandInStep(HttpContext context);

/// <summary>A request as the stand-in received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, int BodyBytes, JsonElement? Body);

/// <summary>
/// A real HTTP server (Kestrel, loopback, free port) standing in for an external API, with a script of
/// failures to play, a record of every request, and in-flight and abort counters tests can wait on.
/// </summary>
public abstract class HttpStandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<StandInStep> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _aborted;

    public Uri Url { get; private set; } = null!;

    /// <summary>Runs for every scripted request after the queued steps are used up, when set (a "storm").</summary>
    public StandInStep? Always { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Held requests whose client went away before the response was written.</summary>
    public int Aborted => Volatile.Read(ref _aborted);

    /// <summary>Queues steps; each scripted request takes the next one.</summary>
    public void Enqueue(params StandInStep[] steps)
    {
        foreach (var step in steps)
        {
            _script.Enqueue(step);
        }
    }

    /// <summary>Responds with a status (and Retry-After, in seconds, when given) and a JSON error body.</summary>
    public static StandInStep Status(int status, string? retryAfter = null, string message = "scripted failure") => async context =>
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        await WriteJsonAsync(context, status, ErrorBody(message));
        return true;
    };

    /// <summary>Holds the request until <paramref name="gate"/> completes (or the client gives up), then carries on.</summary>
    public static StandInStep Hold(Task gate) => async context =>
    {
        await gate.WaitAsync(context.RequestAborted);
        return false;
    };

    /// <summary>Waits until <paramref name="condition"/> holds; re-checked on every request event.</summary>
    public async Task WaitUntilAsync(Func<HttpStandIn, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(this))
            {
                return;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Isolated from whatever appsettings.json sits in the test's directory (the server's says HTTP/2 only).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, inFlight);
            Changed();
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away while the request was held; nothing to answer.
                Interlocked.Increment(ref _aborted);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                Changed();
            }
        });
        Map(_app);
        await _app.StartAsync();
        Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    protected abstract void Map(WebApplication app);

    protected abstract object ErrorBodyFor(string message);

    private static object ErrorBody(string message) => new { message, error = message };

    /// <summary>Reads and records a request body; null body when it is not JSON.</summary>
    protected async Task<(byte[] Bytes, JsonElement? Json)> RecordAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var bytes = buffer.ToArray();
        JsonElement? json = null;
        try
        {
            json = bytes.Length == 0 ? null : JsonDocument.Parse(bytes).RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "",
            context.Request.Headers.Authorization.FirstOrDefault(), bytes.Length, json));
        Changed();
        return (bytes, json);
    }

    /// <summary>Plays the next scripted step, or <see cref="Always"/>; true when the step answered.</summary>
    protected async Task<bool> RunScriptAsync(HttpContext context)
    {
        if (_script.TryDequeue(out var step) && await step(context))
        {
            return true;
        }
        return Always is { } always && await always(context);
    }

    protected Task ErrorAsync(HttpContext context, int status, string message) => WriteJsonAsync(context, status, ErrorBodyFor(message));

    protected static async Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }

    private void Changed() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static void InterlockedMax(ref int location, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref location)) && Interlocked.CompareExchange(ref location, value, current) != current)
        {
        }
    }
}
