using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// The document tools over an <see cref="IDocumentStore"/>: <c>read_document</c>, <c>write_document</c> (side-effecting,
/// idempotent because it replaces) and <c>search_documents</c> (keyword ranking: term frequency weighted by rarity,
/// with the best-matching line as a snippet).
/// </summary>
public sealed partial class DocumentTools(IDocumentStore store)
{
    /// <summary>The read tool's name.</summary>
    public const string ReadToolName = "read_document";

    /// <summary>The write tool's name.</summary>
    public const string WriteToolName = "write_document";

    /// <summary>The search tool's name.</summary>
    public const string SearchToolName = "search_documents";

    private const int MaxDocumentsSearched = 1000;

    /// <summary>The three tools, ready for a <see cref="ToolCatalog"/>.</summary>
    public IReadOnlyList<AgentTool> CreateTools() =>
    [
        new(AIFunctionFactory.Create(ReadAsync, ReadToolName, "Reads a document from the document collection and returns its text.")),
        new(AIFunctionFactory.Create(WriteAsync, WriteToolName, "Creates or replaces a document in the document collection."), SideEffecting: true),
        new(AIFunctionFactory.Create(SearchAsync, SearchToolName, "Searches the document collection by keywords; returns the best matching documents with a snippet.")),
    ];

    /// <summary>Reads a document.</summary>
    public async Task<string> ReadAsync([Description("The document's path, e.g. reports/weekly.md")] string path, CancellationToken cancellationToken = default)
    {
        var content = await store.ReadAsync(CheckPath(path), cancellationToken);
        if (content is null)
        {
            var known = await store.ListAsync(null, cancellationToken);
            throw new ToolInputException($"There is no document at '{path}'. Documents: {(known.Count == 0 ? "(none)" : string.Join(", ", known.Take(20)))}.");
        }

        return content;
    }

    /// <summary>Writes a document.</summary>
    public async Task<string> WriteAsync(
        [Description("The document's path, e.g. reports/weekly.md")] string path,
        [Description("The full text of the document")] string content,
        CancellationToken cancellationToken = default)
    {
        await store.WriteAsync(CheckPath(path), content ?? string.Empty, cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"Wrote {content?.Length ?? 0} characters to '{path}'.");
    }

    /// <summary>Searches documents by keywords.</summary>
    public async Task<string> SearchAsync(
        [Description("Keywords to look for")] string query,
        [Description("How many results to return (1-20)")] int top = 5,
        CancellationToken cancellationToken = default)
    {
        var terms = Terms(query ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            throw new ToolInputException("The query has no words to search for.");
        }

        var paths = (await store.ListAsync(null, cancellationToken)).Take(MaxDocumentsSearched).ToList();
        var documents = new List<(string Path, string Text, Dictionary<string, int> Counts)>();
        foreach (var path in paths)
        {
            var text = await store.ReadAsync(path, cancellationToken) ?? string.Empty;
            var counts = Terms(text + " " + path).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            documents.Add((path, text, counts));
        }

        var results = documents
            .Select(d => (d.Path, d.Text, Score: terms.Sum(t =>
            {
                var frequency = d.Counts.GetValueOrDefault(t);
                var containing = documents.Count(o => o.Counts.ContainsKey(t));
                return frequency == 0 ? 0 : (1 + Math.Log(frequency)) * Math.Log(1 + ((double)documents.Count / containing));
            })))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Path, StringComparer.Ordinal)
            .Take(Math.Clamp(top, 1, 20))
            .Select(r => new SearchHit(r.Path, Math.Round(r.Score, 4), Snippet(r.Text, terms)))
            .ToList();
        return JsonSerializer.Serialize(results, AIJsonUtilities.DefaultOptions);
    }

    /// <summary>A search result.</summary>
    /// <param name="Path">The document's path.</param>
    /// <param name="Score">Its relevance; higher is better.</param>
    /// <param name="Snippet">The line that matches best.</param>
    public sealed record SearchHit(string Path, double Score, string Snippet);

    private static string CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Length > 1024 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) ||
            path.Split('/').Any(segment => segment is ".." or "." or ""))
        {
            throw new ToolInputException($"'{path}' is not a valid document path. Use a relative path like 'reports/weekly.md' with no '..' segments.");
        }

        return path;
    }

    private static IEnumerable<string> Terms(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 2);

    private static string Snippet(string text, List<string> terms)
    {
        var best = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .OrderByDescending(line => terms.Count(t => line.Contains(t, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault() ?? string.Empty;
        return best.Length <= 240 ? best : best[..237] + "...";
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
