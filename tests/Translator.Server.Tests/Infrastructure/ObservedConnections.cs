using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Translator.Server.Tests.Infrastructure;

/// <summary>
/// The client side of every TCP connection a channel opens, for tests about connection lifetimes: how many were
/// opened, and on each, whether the server sent an HTTP/2 GOAWAY and whether it closed the connection.
/// </summary>
public sealed class ObservedConnections
{
    private readonly ConcurrentQueue<ObservedConnectionStream> _opened = new();

    public IReadOnlyList<ObservedConnectionStream> Opened => [.. _opened];

    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            var connection = new ObservedConnectionStream(new NetworkStream(socket, ownsSocket: true));
            _opened.Enqueue(connection);
            return connection;
        },
    };
}

/// <summary>A client connection that reads the server's HTTP/2 frame headers as they pass.</summary>
public sealed class ObservedConnectionStream(Stream inner) : Stream
{
    private const int FrameHeaderLength = 9;
    private const byte GoAwayFrameType = 0x7;

    private readonly TaskCompletionSource _goAway = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _header = new byte[FrameHeaderLength];
    private int _headerFilled;
    private int _payloadLeft;

    /// <summary>Completes when the server sends its first GOAWAY frame.</summary>
    public Task GoAway => _goAway.Task;

    /// <summary>Completes when the server closes or resets the connection.</summary>
    public Task Closed => _closed.Task;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            _closed.TrySetResult();
            throw;
        }
        if (read == 0)
        {
            _closed.TrySetResult();
        }
        Observe(buffer.Span[..read]);
        return read;
    }

    private void Observe(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_payloadLeft > 0)
            {
                var skip = Math.Min(_payloadLeft, data.Length);
                _payloadLeft -= skip;
                data = data[skip..];
                continue;
            }
            var take = Math.Min(FrameHeaderLength - _headerFilled, data.Length);
            data[..take].CopyTo(_header.AsSpan(_headerFilled));
            _headerFilled += take;
            data = data[take..];
            if (_headerFilled == FrameHeaderLength)
            {
                _headerFilled = 0;
                _payloadLeft = (_header[0] << 16) | (_header[1] << 8) | _header[2];
                if (_header[3] == GoAwayFrameType)
                {
                    _goAway.TrySetResult();
                }
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
