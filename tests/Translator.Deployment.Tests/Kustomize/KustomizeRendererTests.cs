namespace Translator.Deployment.Tests.Kustomize;

public sealed class KustomizeRendererTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kustomize-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("commonLabels:\n  a: b\n", "'commonLabels'")]
    [InlineData("patches:\n  - path: p.yaml\n    target:\n      kind: Deployment\n", "patches[].target")]
    [InlineData("labels:\n  - pairs:\n      a: b\n    includeSelectors: true\n", "labels[].includeSelectors")]
    public void Render_FeatureItDoesNotImplement_FailsNamingIt(string kustomization, string feature)
    {
        File.WriteAllText(Path.Combine(_directory, "kustomization.yaml"), kustomization);

        var error = Assert.Throws<NotSupportedException>(() => KustomizeRenderer.Render(_directory));

        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PatchWithADirective_FailsRatherThanMisapplyingIt()
    {
        File.WriteAllText(Path.Combine(_directory, "kustomization.yaml"), "resources: [cm.yaml]\npatches:\n  - path: p.yaml\n");
        File.WriteAllText(Path.Combine(_directory, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n");
        File.WriteAllText(Path.Combine(_directory, "p.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n$patch: delete\n");

        Assert.Throws<NotSupportedException>(() => KustomizeRenderer.Render(_directory));
    }
}
