using System.ComponentModel;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Agents;

/// <summary>
/// The <c>fetch_url</c> tool: fetches a page from an allow-list and returns it as plain text (scripts, styles and tags
/// removed). Redirects are followed only to allowed URLs. A URL off the list is refused with a message the model sees.
/// </summary>
public sealed partial class UrlFetchTool
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "fetch_url";

    private readonly HttpClient _http;
    private readonly UrlFetchOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the tool.</summary>
    /// <param name="options">The allow-list and limits.</param>
    /// <param name="handler">The HTTP handler; a new one that does not follow redirects by itself when null.</param>
    /// <param name="logger">Where fetches are logged.</param>
    public UrlFetchTool(UrlFetchOptions options, HttpMessageHandler? handler = null, ILogger<UrlFetchTool>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = options.Timeout };
        _logger = logger ?? NullLogger<UrlFetchTool>.Instance;
    }

    /// <summary>The tool, ready for a <see cref="ToolCatalog"/>.</summary>
    public AgentTool CreateTool() =>
        new(AIFunctionFactory.Create(FetchAsync, ToolName, "Fetches a web page from the allowed sites and returns its text."));

    /// <summary>Fetches <paramref name="url"/> and returns its text.</summary>
    public async Task<string> FetchAsync([Description("The absolute http(s) URL to fetch")] string url, CancellationToken cancellationToken = default)
    {
        var target = CheckAllowed(url);
        for (var hop = 0; ; hop++)
        {
            using var response = await _http.GetAsync(target, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw new ToolInputException($"'{url}' redirected more than {_options.MaxRedirects} times.");
                }

                target = CheckAllowed(new Uri(target, location).ToString());
                continue;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            var text = mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) ? HtmlToText(body) : body.Trim();
            if (text.Length > _options.MaxCharacters)
            {
                text = text[.._options.MaxCharacters] + "\n[truncated]";
            }

            Log.UrlFetched(_logger, target.ToString(), (int)response.StatusCode, text.Length);
            return response.IsSuccessStatusCode ? text : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {target}: {text}";
        }
    }

    private Uri CheckAllowed(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ToolInputException($"'{url}' is not an absolute http or https URL.");
        }

        if (!_options.AllowedUrlPrefixes.Any(prefix => uri.AbsoluteUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ToolInputException(
                $"'{url}' is not on the allow-list. Allowed: {(_options.AllowedUrlPrefixes.Count == 0 ? "(nothing)" : string.Join(", ", _options.AllowedUrlPrefixes))}.");
        }

        return uri;
    }

    private static string HtmlToText(string html)
    {
        var text = ScriptOrStyle().Replace(html, " ");
        text = BlockTag().Replace(text, "\n");
        text = Tag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        text = SpaceRun().Replace(text, " ");
        return BlankLines().Replace(text, "\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|noscript)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<(br|p|div|li|h[1-6]|tr|section|article)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex BlankLines();
}
