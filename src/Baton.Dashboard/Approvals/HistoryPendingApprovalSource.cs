using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>
/// The default <see cref="IPendingApprovalSource"/>: running, pending and suspended runs whose custom status names a
/// pending approval event, completed from the approval request the run recorded when it notified its approvers
/// (who, since when, until when, what). An approval whose event already reached the history is not listed.
/// </summary>
internal sealed class HistoryPendingApprovalSource(DurableTaskClient client, IOptions<DashboardOptions> options) : IPendingApprovalSource
{
    private static readonly OrchestrationRuntimeStatus[] Active =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    public async Task<IReadOnlyList<DashboardPendingApproval>> GetPendingAsync(CancellationToken cancellationToken = default)
    {
        var pending = new List<DashboardPendingApproval>();
        var scanned = 0;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: Active, FetchInputsAndOutputs: true), cancellationToken))
        {
            if (++scanned > options.Value.MaxRunsScanned)
            {
                break;
            }

            if (RunStatusView.Read(instance.SerializedCustomStatus).PendingApprovalEvent is not { Length: > 0 } eventName)
            {
                continue;
            }

            var history = await client.GetInstanceHistoryAsync(instance.InstanceId, cancellationToken) ?? [];
            if (history.Any(e => e.EventType == HistoryEventType.EventRaised && string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            pending.Add(Describe(instance, eventName, history));
        }

        return [.. pending.OrderBy(p => p.RequestedAt)];
    }

    internal static DashboardPendingApproval Describe(OrchestrationMetadata instance, string eventName, IReadOnlyList<HistoryEvent> history)
    {
        var request = history
            .Where(e => e.EventType == HistoryEventType.TaskScheduled && e.Name == AgentActivityNames.NotifyApprovers)
            .Select(e => JsonPayload.Parse(e.Input).Property("request"))
            .LastOrDefault(r => string.Equals(r.String("eventName"), eventName, StringComparison.OrdinalIgnoreCase));
        if (request is null)
        {
            return new DashboardPendingApproval(instance.InstanceId, instance.Name, eventName, eventName, [], instance.LastUpdatedAt.UtcDateTime, null);
        }

        return new DashboardPendingApproval(
            instance.InstanceId,
            instance.Name,
            eventName,
            request.String("title") ?? eventName,
            request.Strings("approvers"),
            request.Time("requestedAt") ?? instance.LastUpdatedAt.UtcDateTime,
            request.Time("expiresAt"))
        {
            Excerpt = Excerpt(request.String("details") ?? request.String("argumentsJson")),
        };
    }

    internal static string? Excerpt(string? text, int length = 240)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= length ? flat : flat[..length].TrimEnd() + "…";
    }
}
