namespace Translator.Core.Glossary;

/// <summary>The starter glossary shipped in this assembly (default-glossary.tsv), seeded into the store at start-up.</summary>
internal static class DefaultGlossary
{
    private const string ResourceName = "Translator.Core.Glossary.default-glossary.tsv";

    public static Glossary Load()
    {
        using var stream = typeof(DefaultGlossary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return new Glossary(Glossary.DefaultId, "Names in Korea/Russia wire copy", "en", 1,
            DelimitedGlossary.Read(reader.ReadToEnd(), '\t'));
    }
}
