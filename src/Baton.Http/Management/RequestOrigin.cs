namespace Baton.Http;

/// <summary>
/// Where a request came in and what URLs handed back must carry: the public base URL (scheme, host, port, path base)
/// and, when keys protect the endpoints, the key to put in <c>code=</c>.
/// </summary>
/// <param name="BaseUri">The base the host is reached at, e.g. http://localhost:7071 (no trailing slash needed).</param>
/// <param name="Code">The key to add as <c>code=</c> to management URLs; null when keys are off.</param>
public sealed record RequestOrigin(Uri BaseUri, string? Code = null)
{
    /// <summary>The base URL text without a trailing slash.</summary>
    public string Base => BaseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
