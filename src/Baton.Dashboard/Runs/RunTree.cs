using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// Nests the sub-workflows of one page of runs under their parents. A run's parent is its
/// <see cref="OrchestrationMetadata.ParentInstanceId"/> when the engine reports one (Baton's engine does); otherwise the
/// longest other id on the page that its id extends with <c>:</c>, the rule both Baton's engine and Baton's Durable
/// Functions adapter name sub-workflows by (<c>{parent}:{guid}</c>, or the workflow's own <c>{parent}:team-1</c>), since
/// Durable Functions' client does not report a parent.
/// </summary>
internal static class RunTree
{
    public static IReadOnlyList<RunRow> Nest(IReadOnlyList<RunRow> rows)
    {
        var ids = rows.Select(r => r.Instance.InstanceId).ToHashSet(StringComparer.Ordinal);
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (ParentOnPage(row.Instance, ids) is { } parent)
            {
                parentOf[row.Instance.InstanceId] = parent;
            }
        }

        var children = parentOf.GroupBy(p => p.Value, p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var byId = rows.ToDictionary(r => r.Instance.InstanceId, StringComparer.Ordinal);

        RunRow Build(RunRow row, int depth) =>
            children.TryGetValue(row.Instance.InstanceId, out var mine) && depth < 16
                ? row with
                {
                    Children = [.. mine.Select(id => byId[id]).OrderBy(c => c.Instance.CreatedAt).ThenBy(c => c.Instance.InstanceId, StringComparer.Ordinal).Select(c => Build(c, depth + 1))],
                }
                : row;

        return
        [
            .. rows
                .Where(r => !parentOf.ContainsKey(r.Instance.InstanceId))
                .Select(r => Build(r, 0) with
                {
                    ParentOffPage = r.Instance.ParentInstanceId is { Length: > 0 } parent && !ids.Contains(parent) ? parent : null,
                }),
        ];
    }

    private static string? ParentOnPage(OrchestrationMetadata instance, HashSet<string> ids)
    {
        if (instance.ParentInstanceId is { Length: > 0 } parent)
        {
            return ids.Contains(parent) && parent != instance.InstanceId ? parent : null;
        }

        var id = instance.InstanceId;
        for (var at = id.LastIndexOf(':'); at > 0; at = id.LastIndexOf(':', at - 1))
        {
            if (ids.Contains(id[..at]))
            {
                return id[..at];
            }
        }

        return null;
    }
}
