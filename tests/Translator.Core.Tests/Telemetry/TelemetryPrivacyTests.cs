using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Core.Telemetry;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Telemetry;

public sealed class TelemetryPrivacyTests
{
    [Fact]
    public async Task TranslateAllAsync_Traced_RecordsSpansWithoutArticleText()
    {
        const string secret = "Embargoed";
        using var recorder = new ActivityRecorder();
        using var harness = new PipelineHarness(new CountingProvider());

        await harness.Pipeline.TranslateAllAsync(
            new TranslationJob(new SourceArticle("id", $"{secret} title", [$"{secret} one. {secret} two."]), "en", ["ko"]),
            new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        var spans = recorder.Spans;
        Assert.Contains(spans, a => a.OperationName == "provider translate");
        Assert.All(spans, a =>
        {
            Assert.DoesNotContain(secret, a.DisplayName, StringComparison.Ordinal);
            Assert.All(a.TagObjects, t => Assert.DoesNotContain(secret, t.Value?.ToString() ?? "", StringComparison.Ordinal));
        });
    }
}
