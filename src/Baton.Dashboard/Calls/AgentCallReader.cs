using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.Logging;

namespace Baton.Dashboard;

/// <summary>
/// Reads a run's agent call records and sums its spend with its sub-workflows'. Children are found two ways, so that
/// both engines and every history shape are covered: the ledger's child links (written by a child's first call) and the
/// <c>SubOrchestrationInstanceCreated</c> events of each run's history (which also reach a child that made no calls of
/// its own but has children that did). Reads at most <see cref="MaxRuns"/> runs for one roll-up.
/// </summary>
internal sealed class AgentCallReader(IAgentCallLedger ledger, DurableTaskClient client, ILogger<AgentCallReader> logger)
{
    public const int MaxRuns = 200;
    private const int MaxCachedRuns = 2_000;

    // The spend of a finished run does not change: the runs list, refreshed every few seconds, reads it once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RunSpendView?> _finished = new(StringComparer.Ordinal);

    /// <summary>The run's own records and its spend with every sub-workflow's; null when the ledger cannot be read.</summary>
    public async Task<(IReadOnlyList<AgentCallRecord> Own, RunSpendView Spend)?> ReadAsync(string instanceId, IReadOnlyList<HistoryEvent>? history, CancellationToken cancellationToken)
    {
        try
        {
            var own = await ledger.ListAsync(instanceId, cancellationToken);
            var (all, runs) = await DescendantsAsync(instanceId, own, history, readHistories: true, cancellationToken);
            return (own, RunSpendView.FromRecords(all, runs - 1));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.CallRecordsFailed(logger, e, instanceId);
            return null;
        }
    }

    /// <summary>
    /// The run's spend with its sub-workflows', following only the ledger's child links (no history reads: this is
    /// for lists); null when the ledger cannot be read or holds nothing for the run.
    /// </summary>
    public async Task<RunSpendView?> SpendAsync(string instanceId, bool finished, CancellationToken cancellationToken)
    {
        if (finished && _finished.TryGetValue(instanceId, out var known))
        {
            return known;
        }

        try
        {
            var own = await ledger.ListAsync(instanceId, cancellationToken);
            var (all, runs) = await DescendantsAsync(instanceId, own, null, readHistories: false, cancellationToken);
            var spend = all.Count == 0 ? null : RunSpendView.FromRecords(all, runs - 1);
            if (finished)
            {
                if (_finished.Count >= MaxCachedRuns)
                {
                    _finished.Clear();
                }

                _finished[instanceId] = spend;
            }

            return spend;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.CallRecordsFailed(logger, e, instanceId);
            return null;
        }
    }

    private async Task<(List<AgentCallRecord> All, int Runs)> DescendantsAsync(
        string instanceId, IReadOnlyList<AgentCallRecord> own, IReadOnlyList<HistoryEvent>? history, bool readHistories, CancellationToken cancellationToken)
    {
        var all = new List<AgentCallRecord>(own);
        var seen = new HashSet<string>(StringComparer.Ordinal) { instanceId };
        var pending = new Queue<string>(await ChildrenAsync(instanceId, history, readHistories, cancellationToken));
        while (pending.Count > 0 && seen.Count < MaxRuns)
        {
            var child = pending.Dequeue();
            if (!seen.Add(child))
            {
                continue;
            }

            all.AddRange(await ledger.ListAsync(child, cancellationToken));
            foreach (var grandchild in await ChildrenAsync(child, null, readHistories, cancellationToken))
            {
                pending.Enqueue(grandchild);
            }
        }

        return (all, seen.Count);
    }

    private async Task<IReadOnlyList<string>> ChildrenAsync(string instanceId, IReadOnlyList<HistoryEvent>? history, bool readHistory, CancellationToken cancellationToken)
    {
        var children = new List<string>(await ledger.ListChildrenAsync(instanceId, cancellationToken));
        if (history is null && readHistory)
        {
            history = await client.GetInstanceHistoryAsync(instanceId, cancellationToken);
        }

        foreach (var e in history ?? [])
        {
            if (e.EventType == HistoryEventType.SubOrchestrationInstanceCreated && e.InstanceId is { Length: > 0 } child && !children.Contains(child, StringComparer.Ordinal))
            {
                children.Add(child);
            }
        }

        return children;
    }
}
