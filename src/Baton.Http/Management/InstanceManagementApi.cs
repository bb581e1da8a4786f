using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Durable;

namespace Baton.Http;

/// <summary>
/// The Durable Functions instance management API over a <see cref="DurableTaskClient"/>, with its status codes:
/// status 202 (with <c>Location</c> and <c>Retry-After</c>) while Pending, Running, Suspended or ContinuedAsNew and
/// 200 once finished; 404 for an unknown instance; 202 for accepted events, terminations, suspensions and
/// resumptions; 410 Gone for those on a finished instance; 400 for an event body that is not JSON. Thread-safe.
/// </summary>
public sealed class InstanceManagementApi(DurableTaskClient client, RequestLimits? limits = null)
{
    private readonly RequestLimits _limits = limits ?? RequestLimits.Default;

    /// <summary>Seconds a client should wait before polling a running instance again.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>GET one instance.</summary>
    public async Task<HttpReply> GetStatusAsync(RequestOrigin origin, string instanceId, StatusOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(options);
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId);
        }

        var history = options.ShowHistory ? await client.GetInstanceHistoryAsync(instanceId, cancellationToken) : null;
        var body = InstanceStatusPayload.Create(instance, options, history);
        if (instance.IsCompleted)
        {
            return HttpReply.FromJson(200, body);
        }

        return HttpReply.FromJson(202, body)
            .WithHeader("Location", ManagementUrls.StatusUrl(origin, instanceId))
            .WithHeader("Retry-After", RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>GET the list of instances matching the query; the next page's token is in <see cref="InstanceListRequest.ContinuationHeader"/>.</summary>
    public async Task<HttpReply> ListAsync(Func<string, string?> query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var filter = InstanceListRequest.Parse(query, continuationToken, out var problem);
        if (filter is null)
        {
            return problem!;
        }

        OrchestrationQueryResult page;
        try
        {
            page = await client.QueryInstancesAsync(filter, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return Problems.InvalidField(InstanceListRequest.ContinuationHeader, Problems.WithoutParameterName(e));
        }

        var options = StatusOptions.FromQuery(query);
        var list = new JsonArray([.. page.Instances.Select(i => (JsonNode)InstanceStatusPayload.Create(i, options with { ShowHistory = false }))]);
        var reply = HttpReply.FromJson(200, list);
        return page.ContinuationToken is null ? reply : reply.WithHeader(InstanceListRequest.ContinuationHeader, page.ContinuationToken);
    }

    /// <summary>POST raiseEvent/{eventName}: the body must be JSON (any JSON value; empty means null).</summary>
    public async Task<HttpReply> RaiseEventAsync(string instanceId, string eventName, string? contentType, string? body, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            return Problems.InvalidField("eventName", "Name the event in the path: .../raiseEvent/{eventName}.");
        }

        if (contentType is { Length: > 0 } && !IsJson(contentType))
        {
            return Problems.InvalidField("Content-Type", $"The event body must be application/json, not '{contentType}'.");
        }

        if (_limits.CheckEvent(body) is { } tooLarge)
        {
            return tooLarge;
        }

        JsonElement? payload = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                payload = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return Problems.InvalidField("body", $"The event body is not JSON: {e.Message}");
            }
        }

        return await Guarded(instanceId, () => client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken), cancellationToken);
    }

    /// <summary>POST terminate?reason=.</summary>
    public Task<HttpReply> TerminateAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Guarded(instanceId, () => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), cancellationToken), cancellationToken);

    /// <summary>POST suspend?reason=.</summary>
    public Task<HttpReply> SuspendAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Guarded(instanceId, () => client.SuspendInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>POST resume?reason=.</summary>
    public Task<HttpReply> ResumeAsync(string instanceId, string? reason, CancellationToken cancellationToken = default) =>
        Guarded(instanceId, () => client.ResumeInstanceAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>DELETE: purges a finished instance (200 with <c>instancesDeleted</c>); 404 unknown; 409 while it runs.</summary>
    public async Task<HttpReply> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId);
        }

        if (instance.IsRunning && !await HistoryHasFinishedAsync(instanceId, cancellationToken))
        {
            return Problems.Conflict($"Instance '{instanceId}' is {instance.RuntimeStatus}; terminate it or let it finish before purging.");
        }

        var result = await client.PurgeInstanceAsync(instanceId, null, cancellationToken);
        return result.PurgedInstanceCount == 0
            ? Problems.InstanceNotFound(instanceId)
            : HttpReply.FromJson(200, new JsonObject { ["instancesDeleted"] = result.PurgedInstanceCount });
    }

    /// <summary>
    /// True when the history of an instance whose row says it runs ends with its execution finished: a row left behind
    /// by a commit cut between history and row, which the store repairs as it purges.
    /// </summary>
    private async Task<bool> HistoryHasFinishedAsync(string instanceId, CancellationToken cancellationToken)
    {
        var history = await client.GetInstanceHistoryAsync(instanceId, cancellationToken);
        return history is not null && history.Any(e =>
            e.EventType == HistoryEventType.ExecutionTerminated
            || (e.EventType == HistoryEventType.ExecutionCompleted && e.OrchestrationStatus is { } status && status.IsTerminal()));
    }

    private async Task<HttpReply> Guarded(string instanceId, Func<Task> action, CancellationToken cancellationToken)
    {
        // Checked first so that a finished instance answers 410 on every engine, whichever way it reports it.
        var instance = await client.GetInstanceAsync(instanceId, false, cancellationToken);
        if (instance is null)
        {
            return Problems.InstanceNotFound(instanceId);
        }

        if (instance.IsCompleted)
        {
            return Problems.Gone(instanceId, instance.RuntimeStatus.ToString());
        }

        try
        {
            await action();
        }
        catch (OrchestrationNotFoundException)
        {
            return Problems.InstanceNotFound(instanceId);
        }
        catch (OrchestrationFinishedException e)
        {
            return Problems.Gone(instanceId, e.Status.ToString());
        }

        return new HttpReply(202);
    }

    private static bool IsJson(string contentType)
    {
        var media = contentType.Split(';', 2)[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
