using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>Reads runs for the list and the run page through the durable client; read-only.</summary>
internal sealed class RunReader(DurableTaskClient client, TimeProvider time)
{
    public async Task<RunPage> ListAsync(RunFilter filter, int pageSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        OrchestrationQueryResult result;
        try
        {
            result = await client.QueryInstancesAsync(filter.ToQuery(now, pageSize), cancellationToken);
        }
        catch (ArgumentException) when (filter.ContinuationToken is not null)
        {
            // A token from another store or an older listing: start again from the first page.
            filter = filter with { ContinuationToken = null };
            result = await client.QueryInstancesAsync(filter.ToQuery(now, pageSize), cancellationToken);
        }

        var rows = result.Instances
            .Select(i => new RunRow(i, RunStatusView.Read(i.SerializedCustomStatus)))
            .ToList();
        return new RunPage(filter, RunTree.Nest(rows), result.ContinuationToken, now);
    }

    public async Task<RunDetails?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var history = await client.GetInstanceHistoryAsync(instanceId, cancellationToken) ?? [];
        return new RunDetails(instance, RunStatusView.Read(instance.SerializedCustomStatus), history, TimelineBuilder.Build(history), time.GetUtcNow())
        {
            CanRewind = client.SupportsRewind,
        };
    }
}
