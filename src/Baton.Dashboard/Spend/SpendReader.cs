using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>
/// Sums spend per workflow (counting runs) and per agent (counting LLM calls) over runs created in a range, from the agent
/// call records; reads at most <see cref="DashboardOptions.MaxRunsScanned"/> runs. A sub-workflow's calls count for the
/// workflow of the top-level run that started it (when that run is among those read), so a workflow's bar is what its
/// runs cost, children included, and nothing is counted twice. Runs from before call records count what their custom
/// status reports.
/// </summary>
internal sealed class SpendReader(DurableTaskClient client, IAgentCallLedger ledger, IOptions<DashboardOptions> options, ILogger<SpendReader> logger)
{
    public async Task<SpendReport> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var instances = new List<OrchestrationMetadata>();
        var truncated = false;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(CreatedFrom: from, CreatedTo: to, FetchInputsAndOutputs: true), cancellationToken))
        {
            if (instances.Count >= options.Value.MaxRunsScanned)
            {
                truncated = true;
                Log.ScanLimitReached(logger, options.Value.MaxRunsScanned);
                break;
            }

            instances.Add(instance);
        }

        IReadOnlyList<AgentCallRecord> records;
        try
        {
            // Calls start after their run was created: every call of a run in the range started inside it too.
            records = await ledger.ListStartedSinceAsync(from?.UtcDateTime, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.CallRecordsFailed(logger, e, "(all)");
            records = [];
        }

        return Summarize(instances, records, truncated);
    }

    internal static SpendReport Summarize(IReadOnlyList<OrchestrationMetadata> instances, bool truncated) => Summarize(instances, [], truncated);

    internal static SpendReport Summarize(IReadOnlyList<OrchestrationMetadata> instances, IReadOnlyList<AgentCallRecord> records, bool truncated)
    {
        var byId = instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var recordsByRun = records.Where(r => byId.ContainsKey(r.InstanceId)).ToLookup(r => r.InstanceId, StringComparer.Ordinal);
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            if ((instance.ParentInstanceId ?? recordsByRun[instance.InstanceId].Select(r => r.ParentInstanceId).FirstOrDefault(p => p is not null)) is { } parent)
            {
                parents[instance.InstanceId] = parent;
            }
        }

        string Root(string id)
        {
            for (var depth = 0; depth < 64 && parents.TryGetValue(id, out var parent) && byId.ContainsKey(parent); depth++)
            {
                id = parent;
            }

            return id;
        }

        var runs = instances.Select(i =>
        {
            var own = recordsByRun[i.InstanceId].ToList();
            var spend = own.Count > 0 ? RunSpendView.FromRecords(own, 0) : RunStatusView.Read(i.SerializedCustomStatus).Spend;
            var root = Root(i.InstanceId);
            return (Workflow: byId[root].Name, IsRoot: root == i.InstanceId, Spend: spend);
        }).ToList();
        var byWorkflow = runs
            .GroupBy(r => r.Workflow, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SpendBar(g.Key, g.Sum(r => r.Spend.InputTokens), g.Sum(r => r.Spend.OutputTokens), g.Sum(r => r.Spend.EstimatedCost), g.Count(r => r.IsRoot)))
            .OrderByDescending(b => b.TotalTokens).ThenBy(b => b.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var byAgent = runs
            .SelectMany(r => r.Spend.Agents)
            .GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SpendBar(g.Key, g.Sum(a => a.Value.InputTokens), g.Sum(a => a.Value.OutputTokens), g.Sum(a => a.Value.EstimatedCost), g.Sum(a => a.Value.Calls)))
            .OrderByDescending(b => b.TotalTokens).ThenBy(b => b.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new SpendReport(byWorkflow, byAgent, runs.Count(r => r.IsRoot), truncated);
    }
}
