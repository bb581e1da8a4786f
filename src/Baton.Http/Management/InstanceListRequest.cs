using System.Globalization;
using Baton.Durable;

namespace Baton.Http;

/// <summary>
/// The filters of a list request, as Durable Functions reads them: <c>runtimeStatus</c> (comma-separated),
/// <c>createdTimeFrom</c>, <c>createdTimeTo</c> (ISO 8601), <c>top</c> (page size), <c>instanceIdPrefix</c>,
/// <c>showInput</c>, and the <c>x-ms-continuation-token</c> header for the next page.
/// </summary>
public static class InstanceListRequest
{
    /// <summary>The request and answer header that carries the continuation token.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>The largest page a list answers.</summary>
    public const int MaxTop = 1000;

    /// <summary>Reads the query; on a bad value returns null and a 400 answer naming the parameter.</summary>
    public static OrchestrationQuery? Parse(Func<string, string?> query, string? continuationToken, out HttpReply? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        problem = null;
        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var text in (query("runtimeStatus") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(text, ignoreCase: true, out var status) || int.TryParse(text, out _))
            {
                problem = Problems.InvalidField("runtimeStatus", $"'{text}' is not a runtime status. Use any of: {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
                return null;
            }

            statuses.Add(status);
        }

        if (!TryTime(query, "createdTimeFrom", out var from, ref problem) || !TryTime(query, "createdTimeTo", out var to, ref problem))
        {
            return null;
        }

        var top = 100;
        if (query("top") is { Length: > 0 } topText && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            problem = Problems.InvalidField("top", $"'{topText}' is not a page size; use a whole number from 1 to {MaxTop}.");
            return null;
        }

        return new OrchestrationQuery(
            from,
            to,
            statuses.Count == 0 ? null : statuses,
            query("instanceIdPrefix") is { Length: > 0 } prefix ? prefix : null,
            PageSize: top,
            ContinuationToken: string.IsNullOrWhiteSpace(continuationToken) ? null : continuationToken,
            FetchInputsAndOutputs: true);
    }

    private static bool TryTime(Func<string, string?> query, string name, out DateTimeOffset? value, ref HttpReply? problem)
    {
        value = null;
        if (query(name) is not { Length: > 0 } text)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = Problems.InvalidField(name, $"'{text}' is not a time; use ISO 8601, e.g. 2026-01-05T08:00:00Z.");
        return false;
    }
}
