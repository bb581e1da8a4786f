using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// Reads runs for the list and the run page through the durable client, and their agent call records and spend
/// through the <see cref="AgentCallReader"/>; read-only.
/// </summary>
internal sealed class RunReader(DurableTaskClient client, TimeProvider time, AgentCallReader calls)
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

        var rows = await Task.WhenAll(result.Instances.Select(async i =>
        {
            var status = RunStatusView.Read(i.SerializedCustomStatus);
            return await calls.SpendAsync(i.InstanceId, i.IsCompleted, cancellationToken) is { } spend
                ? new RunRow(i, status) { Spend = spend }
                : new RunRow(i, status);
        }));
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
        var status = RunStatusView.Read(instance.SerializedCustomStatus);
        var details = new RunDetails(instance, status, history, TimelineBuilder.Build(history), time.GetUtcNow()) { CanRewind = client.SupportsRewind };
        if (await calls.ReadAsync(instanceId, history, cancellationToken) is not { } recorded)
        {
            return details;
        }

        // Runs from before call records have none: their spend stays what their status reports.
        return details with
        {
            Calls = recorded.Own,
            Spend = recorded.Spend.IsKnown || !status.Spend.IsKnown ? recorded.Spend : status.Spend,
        };
    }
}
