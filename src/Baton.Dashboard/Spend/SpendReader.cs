using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>
/// Sums the spend that runs report in their custom status, per workflow (counting runs) and per agent (counting LLM
/// calls), over runs created in a range; reads at most <see cref="DashboardOptions.MaxRunsScanned"/> runs.
/// </summary>
internal sealed class SpendReader(DurableTaskClient client, IOptions<DashboardOptions> options, ILogger<SpendReader> logger)
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

        return Summarize(instances, truncated);
    }

    internal static SpendReport Summarize(IReadOnlyList<OrchestrationMetadata> instances, bool truncated)
    {
        var runs = instances.Select(i => (i.Name, Spend: RunStatusView.Read(i.SerializedCustomStatus).Spend)).ToList();
        var byWorkflow = runs
            .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SpendBar(g.Key, g.Sum(r => r.Spend.InputTokens), g.Sum(r => r.Spend.OutputTokens), g.Sum(r => r.Spend.EstimatedCost), g.Count()))
            .OrderByDescending(b => b.TotalTokens).ThenBy(b => b.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var byAgent = runs
            .SelectMany(r => r.Spend.Agents)
            .GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SpendBar(g.Key, g.Sum(a => a.Value.InputTokens), g.Sum(a => a.Value.OutputTokens), g.Sum(a => a.Value.EstimatedCost), g.Sum(a => a.Value.Calls)))
            .OrderByDescending(b => b.TotalTokens).ThenBy(b => b.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new SpendReport(byWorkflow, byAgent, runs.Count, truncated);
    }
}
