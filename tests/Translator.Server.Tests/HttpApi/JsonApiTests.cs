using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.HttpApi;

/// <summary>
/// The HTTP/JSON API (gRPC JSON transcoding) as a PHP or JavaScript CMS calls it: the google.api.http routes,
/// proto3 JSON bodies, and the gRPC service's errors as google.rpc.Status JSON with the matching HTTP status.
/// </summary>
public sealed class JsonApiTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string Article = """
        {"article": {"id": "wire-1", "title": "Leaders meet", "text": "The leaders met on Tuesday. They talked for 3 hours.\n\nA second paragraph followed."},
         "sourceLanguage": "en", "targetLanguages": ["ko", "ru"]}
        """;

    [Fact]
    public async Task TranslateArticle_PostOverHttp11ToTheJsonEndpoint_ReturnsEveryTranslation()
    {
        _factory.StartKestrel();
        using var http = new HttpClient { BaseAddress = _factory.JsonAddress, DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.PostAsync(new Uri("/v1/articles:translate", UriKind.Relative), Json(Article), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(_ct))!;
        Assert.Equal("wire-1", (string?)body["articleId"]);
        var translations = body["translations"]!.AsArray();
        Assert.Equal(["ko", "ru"], translations.Select(t => (string?)t!["targetLanguage"]));
        Assert.All(translations, t => Assert.Equal(2, t!["paragraphs"]!.AsArray().Count));
        Assert.StartsWith("⟦ko⟧", (string?)translations[0]!["paragraphs"]![0]!["segments"]![0]!["translatedText"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateArticle_InvalidTargetLanguage_Returns400WithStatusNamingTheField()
    {
        using var http = _factory.CreateClient();

        using var response = await http.PostAsync(new Uri("/v1/articles:translate", UriKind.Relative),
            Json("""{"article": {"id": "a", "text": "One sentence."}, "sourceLanguage": "en", "targetLanguages": ["ko", "en"]}"""), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(_ct))!;
        Assert.Equal(3, (int?)status["code"]);
        var badRequest = status["details"]!.AsArray().Single(d => (string?)d!["@type"] == "type.googleapis.com/google.rpc.BadRequest")!;
        Assert.Contains(badRequest["fieldViolations"]!.AsArray(), v => (string?)v!["field"] == "target_languages[1]");
    }

    [Fact]
    public async Task TranslateArticle_BodyNotJson_Returns400()
    {
        using var http = _factory.CreateClient();

        using var response = await http.PostAsync(new Uri("/v1/articles:translate", UriKind.Relative), Json("{\"article\": {\"id\": "), _ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync(_ct))!["code"]);
    }

    /// <summary>
    /// JSON bodies are bounded like gRPC messages (twice the receive limit, for escaping: about 10 MB) before the
    /// transcoder parses them: a stated length over it is refused at once (413, RESOURCE_EXHAUSTED); a chunked body
    /// is cut off at the limit, which the transcoder reports as 400 INVALID_ARGUMENT.
    /// </summary>
    [Theory]
    [InlineData(false, HttpStatusCode.RequestEntityTooLarge, 8)]
    [InlineData(true, HttpStatusCode.BadRequest, 3)]
    public async Task TranslateArticle_BodyOverTheLimit_IsRefusedBeforeParsing(bool chunked, HttpStatusCode status, int code)
    {
        _factory.StartKestrel();
        using var http = new HttpClient { BaseAddress = _factory.JsonAddress };
        var json = JsonSerializer.Serialize(new { article = new { id = "big", text = string.Concat(Enumerable.Repeat("A sentence of wire copy that goes on. ", 300_000)) }, sourceLanguage = "en", targetLanguages = new[] { "ko" } });
        using var content = Json(json);
        if (chunked)
        {
            content.Headers.ContentLength = null;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/articles:translate") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request, _ct);

        var body = await response.Content.ReadAsStringAsync(_ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        var error = JsonNode.Parse(body)!;
        Assert.Equal(code, (int?)error["code"]);
        Assert.Contains("10616832 bytes", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlossaryRoutes_CreateReadChangeExportDelete_BehaveLikeTheGrpcMethods()
    {
        using var http = _factory.CreateClient();
        var created = await http.PostAsync(new Uri("/v1/glossaries", UriKind.Relative), Json("""
            {"id": "desk-sports", "name": "Sports desk", "sourceLanguage": "en",
             "entries": [{"term": "Son Heung-min", "renderings": {"ko": "손흥민"}}]}
            """), _ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var fetched = await http.GetFromJsonAsync<JsonObject>(new Uri("/v1/glossaries/desk-sports", UriKind.Relative), _ct);
        Assert.Equal("손흥민", (string?)fetched!["glossary"]!["entries"]![0]!["renderings"]!["ko"]);

        var listed = await http.GetFromJsonAsync<JsonObject>(new Uri("/v1/glossaries", UriKind.Relative), _ct);
        Assert.Contains(listed!["glossaries"]!.AsArray(), g => (string?)g!["id"] == "desk-sports" && (int?)g["entryCount"] == 1);

        var added = await http.PostAsync(new Uri("/v1/glossaries/desk-sports/entries", UriKind.Relative),
            Json("""{"entry": {"term": "Tottenham Hotspur", "renderings": {"ko": "토트넘 홋스퍼"}}}"""), _ct);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(2, (int?)JsonNode.Parse(await added.Content.ReadAsStringAsync(_ct))!["glossary"]!["entryCount"]);

        var removed = await http.DeleteAsync(new Uri("/v1/glossaries/desk-sports/entries/Son%20Heung-min", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(1, (int?)JsonNode.Parse(await removed.Content.ReadAsStringAsync(_ct))!["glossary"]!["entryCount"]);

        var replaced = await http.PutAsync(new Uri("/v1/glossaries/desk-sports", UriKind.Relative),
            Json("""{"name": "Sports", "entries": [{"term": "Lee Kang-in", "renderings": {"ko": "이강인"}}]}"""), _ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Sports", (string?)JsonNode.Parse(await replaced.Content.ReadAsStringAsync(_ct))!["glossary"]!["name"]);

        var exported = await http.GetFromJsonAsync<JsonObject>(new Uri("/v1/glossaries/desk-sports:export?format=GLOSSARY_FORMAT_TSV", UriKind.Relative), _ct);
        Assert.Contains("Lee Kang-in", (string?)exported!["content"], StringComparison.Ordinal);
        Assert.DoesNotContain("Son Heung-min", (string?)exported["content"], StringComparison.Ordinal);

        var deleted = await http.DeleteAsync(new Uri("/v1/glossaries/desk-sports", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var gone = await http.GetAsync(new Uri("/v1/glossaries/desk-sports", UriKind.Relative), _ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(5, (int?)JsonNode.Parse(await gone.Content.ReadAsStringAsync(_ct))!["code"]);
    }

    [Fact]
    public async Task ImportGlossary_TsvOverJson_ThenTranslateNamingIt_AppliesTheRendering()
    {
        using var http = _factory.CreateClient();
        var imported = await http.PostAsync(new Uri("/v1/glossaries:import", UriKind.Relative), Json(JsonSerializer.Serialize(new
        {
            glossaryId = "desk-politics",
            sourceLanguage = "en",
            format = "GLOSSARY_FORMAT_TSV",
            content = "term\tvariants\tcase_sensitive\tnote\tko\nMoon Jae-in\t\tfalse\t\t문재인\n",
        })), _ct);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync(_ct));

        using var translated = await http.PostAsync(new Uri("/v1/articles:translate", UriKind.Relative), Json("""
            {"article": {"id": "a", "text": "Moon Jae-in spoke on Tuesday."}, "sourceLanguage": "en", "targetLanguages": ["ko"], "glossaryId": "desk-politics"}
            """), _ct);

        Assert.Equal(HttpStatusCode.OK, translated.StatusCode);
        Assert.Contains("문재인", await translated.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
    }

    /// <summary>
    /// Transcoding reads a service's routes from a static Descriptor on the type that holds its binding method
    /// (our adapters, not the generated classes); a service without one is skipped with an error in the log.
    /// Every mapped service must bind, including ones with no routes yet.
    /// </summary>
    [Fact]
    public async Task Start_EveryMappedService_BindsForTranscodingWithoutWarnings()
    {
        var logs = new LogRecorder();
        using var factory = new TranslatorServerFactory().WithLogs(logs);
        using var http = factory.CreateClient();

        // Endpoints (and so the transcoder's bindings) are built on the first request.
        using var response = await http.GetAsync(new Uri("/v1/glossaries", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Grpc", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheTranslateAndGlossaryRoutes()
    {
        using var http = _factory.CreateClient();

        var document = await http.GetFromJsonAsync<JsonObject>(new Uri("/openapi/v1.json", UriKind.Relative), _ct);

        var paths = document!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/v1/glossaries/{glossaryId}"), string.Join(", ", paths.Select(p => p.Key)));
        var translate = paths["/v1/articles:translate"]?["post"];
        Assert.Equal("#/components/schemas/TranslateArticleRequest", (string?)translate?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]);
        Assert.NotNull(document["components"]?["schemas"]?["TranslateArticleRequest"]?["properties"]?["targetLanguages"]);
        Assert.NotNull(paths["/v1/glossaries"]?["get"]);
        Assert.NotNull(paths["/v1/glossaries"]?["post"]);
        Assert.NotNull(paths["/v1/glossaries/{glossaryId}"]?["delete"]);
    }
}
