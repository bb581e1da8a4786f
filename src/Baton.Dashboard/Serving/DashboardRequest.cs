namespace Baton.Dashboard;

/// <summary>
/// One request to the dashboard as plain data, so that every host (ASP.NET Core, an Azure Functions HTTP trigger) hands
/// it to <see cref="DashboardApi"/> the same way and writes back the same answer.
/// </summary>
/// <param name="Method">The HTTP method (GET or POST).</param>
/// <param name="Path">The path under the dashboard's root, starting with <c>/</c> (<c>/</c> is the runs list), still URL-encoded.</param>
/// <param name="Root">
/// The dashboard's root as the browser addresses it (path base and prefix, e.g. <c>/dashboard</c> or <c>/api/dashboard</c>);
/// every link the pages carry starts with it.
/// </param>
public sealed record DashboardRequest(string Method, string Path, string Root)
{
    /// <summary>
    /// Where the page script fetches pages and fragments and sends actions, when that is not <see cref="Root"/>; null when
    /// the pages are served at their own address (the local host). On Azure Functions the address (<c>/api/dashboard</c>)
    /// answers anyone with <see cref="DashboardApi.Shell"/>, a page without data, and the pages come from the
    /// key-protected <c>/api/dashboard-data</c>. Links keep <see cref="Root"/>, so addresses, history and bookmarks never
    /// name this root.
    /// </summary>
    public string? DataRoot { get; init; }

    /// <summary>The query string's values by name (case-insensitive); a name may repeat.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The request's Content-Type header, for POSTs.</summary>
    public string? ContentType { get; init; }

    /// <summary>The request body as text, for POSTs.</summary>
    public string? Body { get; init; }

    /// <summary>The signed-in user when App Service authentication is on and the host trusts its headers; otherwise null.</summary>
    public DashboardUser? User { get; init; }

    /// <summary>Every value of query parameter <paramref name="name"/> (empty when absent).</summary>
    public IReadOnlyList<string> QueryValues(string name) =>
        Query.TryGetValue(name, out var values) ? values : [];

    /// <summary>Parses a raw query string (with or without the leading <c>?</c>) into <see cref="Query"/>'s shape.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseQuery(string? query)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (query ?? string.Empty).TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(at < 0 ? pair : pair[..at]);
            var value = at < 0 ? string.Empty : Decode(pair[(at + 1)..]);
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }

            list.Add(value);
        }

        return values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
