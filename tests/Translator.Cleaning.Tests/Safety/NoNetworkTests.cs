using System.Net;
using System.Net.Sockets;
using Translator.Core.Cleaning;

namespace Translator.Cleaning.Tests.Safety;

/// <summary>
/// Cleaning is pure CPU work on the text the client sent. A loopback listener stands in for the whole network:
/// it is the page's own address as the cleaner knows it (what SmartReader's <c>ParseArticle(uri, userAgent)</c>
/// overload would download), every link of the page (base, images, scripts, styles, frames, og:image) and the
/// process's default HTTP proxy, so a request to any of them opens a connection to it.
/// </summary>
public sealed class NoNetworkTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IWebProxy _proxy = HttpClient.DefaultProxy;
    private readonly Task<int> _connections;
    private readonly CancellationTokenSource _stop = new();

    public NoNetworkTests()
    {
        _listener.Start();
        HttpClient.DefaultProxy = new WebProxy(Address);
        _connections = CountConnections();
    }

    private string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    [Fact]
    public async Task Clean_PageLinkingToAListener_NeverConnects()
    {
        var html = $"""
            <html><head><base href="{Address}"><link rel="stylesheet" href="{Address}site.css">
            <meta property="og:image" content="{Address}lead.jpg"><script src="{Address}app.js"></script>
            <title>Dam repairs finish early</title></head>
            <body><article><h1>Dam repairs finish early</h1>
            <img src="{Address}dam.jpg"><img data-src="/lazy.jpg"><iframe src="{Address}frame"></iframe>
            <p>Repairs to the town's reservoir dam have finished two months ahead of schedule, the water company said on Tuesday, ending a summer of restrictions on garden hoses.</p>
            <p>Engineers replaced the spillway gates and sealed cracks in the concrete wall that had been found during an inspection last year, the company said.</p>
            <p>The reservoir will be refilled gradually over the next six weeks so that the new seals can be checked under pressure by the engineers.</p>
            </article></body></html>
            """;

        var result = new ArticleCleaner(Address).Clean(new RawArticle(RawArticleFormat.Html, html), CancellationToken.None);

        Assert.Equal(3, result.Paragraphs.Count);
        Assert.Equal(0, await StopAndCountAsync());
    }

    [Fact]
    public async Task Clean_PageThatIsAlsoAValidHeaderValue_NeverConnects()
    {
        // Misused as the (uri, userAgent) overload, this page would be sent as a User-Agent header: it is a
        // valid one, so the download would reach the listener (a page of markup fails header validation first).
        const string page = "Kim Jong Un arrived in Russia on Tuesday to meet Vladimir Putin.";

        new ArticleCleaner(Address).Clean(new RawArticle(RawArticleFormat.Html, page), CancellationToken.None);

        Assert.Equal(0, await StopAndCountAsync());
    }

    [Fact]
    public async Task Listener_HttpClientRequestToAnyAddress_IsSeen()
    {
        // The control: without it a listener that never sees anything would prove nothing.
        using var client = new HttpClient();
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync(new Uri("https://article.invalid/")));

        Assert.True(await StopAndCountAsync() > 0);
    }

    private async Task<int> StopAndCountAsync()
    {
        await _stop.CancelAsync();
        return await _connections;
    }

    private async Task<int> CountConnections()
    {
        var count = 0;
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                count++;
            }
        }
        catch (OperationCanceledException)
        {
            return count;
        }
    }

    public void Dispose()
    {
        HttpClient.DefaultProxy = _proxy;
        _listener.Stop();
        _stop.Dispose();
    }
}
