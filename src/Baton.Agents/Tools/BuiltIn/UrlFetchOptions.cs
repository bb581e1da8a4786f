namespace Baton.Agents;

/// <summary>Settings of the <c>fetch_url</c> tool, bound from <c>Baton:Tools:FetchUrl</c>.</summary>
public sealed class UrlFetchOptions
{
    /// <summary>
    /// URL prefixes that may be fetched, e.g. "https://learn.microsoft.com/". A URL is allowed when it starts with one
    /// of them (case-insensitive). Empty means nothing may be fetched.
    /// </summary>
    public List<string> AllowedUrlPrefixes { get; set; } = [];

    /// <summary>The most characters of text returned. Default 20,000.</summary>
    public int MaxCharacters { get; set; } = 20_000;

    /// <summary>The time limit of one fetch. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Redirects followed at most (each target must be allowed too). Default 3.</summary>
    public int MaxRedirects { get; set; } = 3;
}
