using System.Text.Json;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Http;

/// <summary>
/// Reads approvals from run histories, so that every host and every process on a task hub sees the same answer with
/// no store of its own: a request is what the <see cref="AgentActivityNames.NotifyApprovers"/> activity was scheduled
/// with; a decision is the <see cref="HistoryEventType.EventRaised"/> event of the request's event name.
/// </summary>
public sealed class ApprovalHistoryReader(DurableTaskClient client)
{
    private static readonly OrchestrationRuntimeStatus[] Active =
        [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended];

    /// <summary>The situation of event <paramref name="eventName"/> on instance <paramref name="instanceId"/>.</summary>
    public async Task<ApprovalSituation> ReadAsync(string instanceId, string eventName, CancellationToken cancellationToken = default)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return new ApprovalSituation(null, null, null);
        }

        var history = await client.GetInstanceHistoryAsync(instanceId, cancellationToken) ?? [];
        var request = Requests(history).LastOrDefault(r => string.Equals(r.EventName, eventName, StringComparison.OrdinalIgnoreCase));
        var decision = history
            .Where(e => e.EventType == HistoryEventType.EventRaised && string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase))
            .Select(e => ReadDecision(e.Input))
            .FirstOrDefault(d => d is not null);
        return new ApprovalSituation(instance, request, decision) { Step = StepOf(instance.SerializedCustomStatus) };
    }

    /// <summary>
    /// Every approval still waiting at <paramref name="now"/> in runs that are running, pending or suspended, oldest
    /// first; only those <paramref name="approver"/> may decide when it is given.
    /// </summary>
    public async Task<IReadOnlyList<PendingApproval>> PendingAsync(DateTimeOffset now, string? approver = null, CancellationToken cancellationToken = default)
    {
        var pending = new List<PendingApproval>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: Active), cancellationToken))
        {
            var history = await client.GetInstanceHistoryAsync(instance.InstanceId, cancellationToken) ?? [];
            var raised = history
                .Where(e => e.EventType == HistoryEventType.EventRaised && e.Name is not null)
                .Select(e => e.Name!)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var request in Requests(history).DistinctBy(r => r.EventName, StringComparer.OrdinalIgnoreCase))
            {
                var everyone = request.Approvers;
                if (raised.Contains(request.EventName) || request.ExpiresAt <= now.UtcDateTime
                    || (approver is not null && !everyone.Contains(approver, StringComparer.OrdinalIgnoreCase)))
                {
                    continue;
                }

                pending.Add(new PendingApproval(
                    instance.InstanceId, instance.Name, request.EventName, request.Title, request.Kind, everyone,
                    request.RequestedAt, request.ExpiresAt, request.AgentName, request.ToolName));
            }
        }

        return [.. pending.OrderBy(p => p.RequestedAt)];
    }

    private IEnumerable<ApprovalRequest> Requests(IReadOnlyList<HistoryEvent> history)
    {
        foreach (var e in history)
        {
            if (e.EventType != HistoryEventType.TaskScheduled || !string.Equals(e.Name, AgentActivityNames.NotifyApprovers, StringComparison.Ordinal))
            {
                continue;
            }

            ApprovalNotification? notification;
            try
            {
                notification = client.DataConverter.Deserialize<ApprovalNotification>(e.Input);
            }
            catch (JsonException)
            {
                continue;
            }

            if (notification?.Request is { } request)
            {
                yield return request;
            }
        }
    }

    private ApprovalDecision? ReadDecision(string? input)
    {
        try
        {
            return client.DataConverter.Deserialize<ApprovalDecision>(input);
        }
        catch (JsonException)
        {
            // Any event under the name ends the wait, even one that is not a decision.
            return new ApprovalDecision(false, "(unreadable event)", null, DateTime.MinValue);
        }
    }

    private static string? StepOf(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(customStatus);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return document.RootElement.ToString();
            }

            var root = document.RootElement;
            var state = root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var step = root.TryGetProperty("step", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return (state, step) switch
            {
                (null, null) => null,
                (_, null or "") => state,
                (null, _) => step,
                _ => $"{state}: {step}",
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
