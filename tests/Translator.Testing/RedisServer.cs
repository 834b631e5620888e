using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Translator.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with its working files in a temp directory and no
/// persistence. It can be stopped, killed and started again on the same port, for fault tests.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("translator-redis-").FullName;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port and returns once it accepts connections.</summary>
    public static async Task<RedisServer> StartNewAsync(CancellationToken cancellationToken)
    {
        // Another process may take the free port before redis-server binds it; a new port fixes that.
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisServer(FreePort());
            try
            {
                await server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the server (again) on its port; returns once it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The Redis server is already running.");
        }
        var info = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in (string[])["--port", $"{Port}", "--bind", "127.0.0.1", "--dir", _directory,
                     "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "notice"])
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start redis-server.");
        _process = process;
        var output = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                // Keep draining the log so the server never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }
        await process.WaitForExitAsync(cancellationToken);
        throw new InvalidOperationException(
            $"redis-server exited with {process.ExitCode} before accepting connections:\n{output}{await process.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    /// <summary>Kills the server abruptly (SIGKILL), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Shuts the server down cleanly (SHUTDOWN NOSAVE) and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is not { } process)
        {
            return;
        }
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            await client.GetStream().WriteAsync("SHUTDOWN NOSAVE\r\n"u8.ToArray(), cancellationToken);
        }
        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
        _process = null;
    }

    /// <summary>Kills the server and starts an empty one on the same port.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        await StartAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
