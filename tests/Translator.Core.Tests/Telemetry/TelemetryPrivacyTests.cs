using System.Diagnostics;
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
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TranslatorTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (activities)
                {
                    activities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var harness = new PipelineHarness(new CountingProvider());

        await harness.Pipeline.TranslateAllAsync(
            new TranslationJob(new SourceArticle("id", $"{secret} title", [$"{secret} one. {secret} two."]), "en", ["ko"]),
            new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        lock (activities)
        {
            Assert.Contains(activities, a => a.OperationName == "provider translate");
            Assert.All(activities, a =>
            {
                Assert.DoesNotContain(secret, a.DisplayName, StringComparison.Ordinal);
                Assert.All(a.TagObjects, t => Assert.DoesNotContain(secret, t.Value?.ToString() ?? "", StringComparison.Ordinal));
            });
        }
    }
}
