using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace Baton.Functions.Tests;

/// <summary>An HTTP request as the Functions worker hands it to a function, and the response it builds.</summary>
internal sealed class FakeHttpRequest(FunctionContext context, string method, string url, string body = "", params (string Name, string Value)[] headers)
    : HttpRequestData(context)
{
    public static FunctionContext Context() => new Mock<FunctionContext>().Object;

    public override Stream Body { get; } = new MemoryStream(Encoding.UTF8.GetBytes(body));

    public override HttpHeadersCollection Headers { get; } = Collect(headers);

    public override IReadOnlyCollection<IHttpCookie> Cookies => [];

    public override Uri Url { get; } = new(url);

    public override IEnumerable<ClaimsIdentity> Identities => [];

    public override string Method { get; } = method;

    public override HttpResponseData CreateResponse() => new FakeHttpResponse(FunctionContext);

    private static HttpHeadersCollection Collect((string Name, string Value)[] headers)
    {
        var collection = new HttpHeadersCollection();
        foreach (var (name, value) in headers)
        {
            collection.Add(name, value);
        }

        return collection;
    }
}

/// <summary>The response a function wrote; its body read back as text.</summary>
internal sealed class FakeHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException("Baton writes cookies as Set-Cookie headers.");

    public string Text => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
