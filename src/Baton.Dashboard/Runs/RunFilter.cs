using System.Globalization;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// The runs list's filters as the query string carries them: <c>q</c> (instance id prefix), <c>status</c> (repeatable or
/// comma-separated: several at once), <c>workflow</c>, <c>range</c> (1h, 24h, 7d, 30d) or <c>from</c>/<c>to</c> (UTC), and <c>page</c> (a continuation token).
/// Unknown values are ignored rather than refused, so a stale bookmark still opens.
/// </summary>
internal sealed record RunFilter(
    IReadOnlyList<OrchestrationRuntimeStatus> Statuses,
    string? Workflow,
    string? Range,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? ContinuationToken,
    string? Prefix = null)
{
    public static IReadOnlyList<(string Key, string Label, TimeSpan Span)> Ranges { get; } =
    [
        ("1h", "Last hour", TimeSpan.FromHours(1)),
        ("24h", "Last 24 hours", TimeSpan.FromDays(1)),
        ("7d", "Last 7 days", TimeSpan.FromDays(7)),
        ("30d", "Last 30 days", TimeSpan.FromDays(30)),
    ];

    public static RunFilter Parse(Func<string, IReadOnlyList<string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statuses = query("status")
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => Enum.TryParse<OrchestrationRuntimeStatus>(s, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : (OrchestrationRuntimeStatus?)null)
            .OfType<OrchestrationRuntimeStatus>()
            .Distinct()
            .ToList();
        var range = First(query, "range");
        return new RunFilter(
            statuses,
            First(query, "workflow"),
            Ranges.Any(r => r.Key == range) ? range : null,
            Time(First(query, "from")),
            Time(First(query, "to")),
            First(query, "page"),
            First(query, "q"));
    }

    /// <summary>The lower bound of creation times: the later of <see cref="From"/> and the start of <see cref="Range"/>.</summary>
    public DateTimeOffset? CreatedFrom(DateTimeOffset now)
    {
        var fromRange = Ranges.FirstOrDefault(r => r.Key == Range) is { Key: not null } r ? now - r.Span : (DateTimeOffset?)null;
        return (From, fromRange) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            ({ } a, null) => a,
            (null, var b) => b,
        };
    }

    public OrchestrationQuery ToQuery(DateTimeOffset now, int pageSize) => new(
        CreatedFrom: CreatedFrom(now),
        CreatedTo: To,
        Statuses: Statuses.Count == 0 ? null : Statuses,
        InstanceIdPrefix: string.IsNullOrEmpty(Prefix) ? null : Prefix,
        Name: string.IsNullOrWhiteSpace(Workflow) ? null : Workflow,
        PageSize: pageSize,
        ContinuationToken: string.IsNullOrEmpty(ContinuationToken) ? null : ContinuationToken,
        FetchInputsAndOutputs: true); // The custom status (state, step, spend) only comes with the payloads.

    /// <summary>The filter as query-string pairs, without the page token unless asked.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToQueryString(bool withPage = false)
    {
        if (!string.IsNullOrEmpty(Prefix))
        {
            yield return new("q", Prefix);
        }

        foreach (var status in Statuses)
        {
            yield return new("status", status.ToString());
        }

        if (!string.IsNullOrWhiteSpace(Workflow))
        {
            yield return new("workflow", Workflow);
        }

        if (Range is not null)
        {
            yield return new("range", Range);
        }

        if (From is { } from)
        {
            yield return new("from", from.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        }

        if (To is { } to)
        {
            yield return new("to", to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        }

        if (withPage && !string.IsNullOrEmpty(ContinuationToken))
        {
            yield return new("page", ContinuationToken);
        }
    }

    private static string? First(Func<string, IReadOnlyList<string>> query, string name) =>
        query(name).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static DateTimeOffset? Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
