using System.Text.Json.Nodes;
using Baton.Durable;
using Baton.Http;

namespace Baton.Dashboard;

/// <summary>
/// <c>POST {prefix}/runs/purge</c>: purges the finished runs a runs-list filter matches, in two steps. The body carries
/// the filter as the runs list's query string (<c>{"query": "status=Failed&amp;q=nightly-"}</c>); without
/// <c>confirm</c> it only counts and names the first matches; with <c>{"confirm": true, "expected": N}</c> it counts
/// again and purges only if the count is still N (409 otherwise, so nothing is purged that the person did not see).
/// Only finished runs (Completed, Failed, Terminated, Canceled) are ever purged; running ones stay.
/// </summary>
internal static class BulkPurge
{
    /// <summary>Most runs one request purges; a larger match is refused with a hint to narrow the filter.</summary>
    public const int MaxRuns = 5000;

    private static readonly OrchestrationRuntimeStatus[] Finished =
    [
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled,
    ];

    public static async Task<HttpReply> HandleAsync(DashboardRequest request, DurableTaskClient client, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = RunActions.Json.Read(request);
        if (problem is not null)
        {
            return problem;
        }

        var query = DashboardRequest.ParseQuery(RunActions.Json.Text(body, "query"));
        var filter = RunFilter.Parse(name => query.TryGetValue(name, out var values) ? values : []) with { ContinuationToken = null };
        var confirm = body?["confirm"] is JsonValue c && c.TryGetValue<bool>(out var yes) && yes;
        int? expected = body?["expected"] is JsonValue e && e.TryGetValue<int>(out var n) ? n : null;
        if (confirm && expected is null)
        {
            return Problems.InvalidField("$.expected", "Confirm with the count you were shown in 'expected'.");
        }

        var statuses = filter.Statuses.Count == 0 ? Finished : [.. filter.Statuses.Intersect(Finished)];
        var matches = new List<string>();
        if (statuses.Length > 0)
        {
            var scan = filter.ToQuery(time.GetUtcNow(), 500) with { Statuses = statuses, FetchInputsAndOutputs = false };
            await foreach (var instance in client.GetAllInstancesAsync(scan, ct))
            {
                matches.Add(instance.InstanceId);
                if (matches.Count > MaxRuns)
                {
                    return Problems.Create(413, "Too many runs.", $"The filter matches more than {MaxRuns} finished runs; narrow it (time range, status, workflow or id prefix) and purge in parts.");
                }
            }
        }

        var described = Describe(filter, statuses);
        if (!confirm)
        {
            return HttpReply.FromJson(200, new { count = matches.Count, sample = matches.Take(10), filter = described, detail = $"{matches.Count} finished run(s) match {described}." });
        }

        if (matches.Count != expected)
        {
            return Problems.Conflict($"The filter now matches {matches.Count} finished run(s), not {expected}; nothing was purged. Review the count and confirm again.", new Dictionary<string, JsonNode?> { ["count"] = matches.Count });
        }

        var purged = 0;
        foreach (var id in matches)
        {
            purged += (await client.PurgeInstanceAsync(id, cancellation: ct)).PurgedInstanceCount;
        }

        return HttpReply.FromJson(200, new { count = matches.Count, purged, filter = described, detail = $"Purged {purged} run(s)." });
    }

    private static string Describe(RunFilter filter, OrchestrationRuntimeStatus[] statuses)
    {
        var parts = new List<string> { statuses.Length == 0 ? "no finished status (the chosen statuses are all still running)" : "status " + string.Join(" or ", statuses) };
        if (!string.IsNullOrEmpty(filter.Prefix))
        {
            parts.Add($"id starting '{filter.Prefix}'");
        }

        if (!string.IsNullOrWhiteSpace(filter.Workflow))
        {
            parts.Add("workflow " + filter.Workflow);
        }

        if (filter.Range is { } range)
        {
            parts.Add("created in the " + RunFilter.Ranges.First(r => r.Key == range).Label.ToLowerInvariant());
        }

        if (filter.From is { } from)
        {
            parts.Add("created from " + Display.Time(from) + " UTC");
        }

        if (filter.To is { } to)
        {
            parts.Add("created before " + Display.Time(to) + " UTC");
        }

        return string.Join(", ", parts);
    }
}
