using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Baton.Http;

/// <summary>
/// An HTTP answer as plain data: status code, content type, body text and headers. Every host (ASP.NET Core, the
/// Functions isolated worker) writes it out as it is, so both answer the same way.
/// </summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The body's media type; null when there is no body.</param>
/// <param name="Body">The body text (UTF-8 on the wire); null for none.</param>
public sealed record HttpReply(int StatusCode, string? ContentType = null, string? Body = null)
{
    /// <summary>JSON media type.</summary>
    public const string Json = "application/json; charset=utf-8";

    /// <summary>Problem details media type (RFC 9457).</summary>
    public const string ProblemJson = "application/problem+json; charset=utf-8";

    /// <summary>HTML media type.</summary>
    public const string Html = "text/html; charset=utf-8";

    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Response headers to add (Location, Retry-After, Set-Cookie, x-ms-continuation-token...), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The first header named <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A copy with one more header.</summary>
    public HttpReply WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    /// <summary>A JSON answer of <paramref name="value"/> serialized with web defaults (camelCase, enums as strings).</summary>
    public static HttpReply FromJson(int statusCode, object value) =>
        new(statusCode, Json, value is JsonNode node ? node.ToJsonString(SerializerOptions) : JsonSerializer.Serialize(value, value.GetType(), SerializerOptions));

    /// <summary>An HTML page.</summary>
    public static HttpReply FromHtml(int statusCode, string html) => new(statusCode, Html, html);

    /// <summary>The body as UTF-8 bytes (empty when there is none).</summary>
    public byte[] BodyBytes() => Body is null ? [] : Encoding.UTF8.GetBytes(Body);
}
