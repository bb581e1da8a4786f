using System.Text.Json;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.Logging;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Adapter;

/// <summary>
/// Baton's orchestration context over Durable Functions' <see cref="Df.TaskOrchestrationContext"/>. Every member is a
/// one-line mapping; payloads cross as JSON elements made by Baton's converter, failures come back as Baton's
/// <see cref="Baton.Durable.TaskFailedException"/>, and retries run as Durable retry handlers that follow Baton's policy
/// (retry-after hint included).
/// </summary>
internal sealed class FunctionsOrchestrationContext(Df.TaskOrchestrationContext inner, RegisteredTaskRunner runner, ILoggerFactory loggerFactory)
    : Baton.Durable.TaskOrchestrationContext
{
    public override Baton.Durable.TaskName Name => new(inner.Name.Name);

    public override string InstanceId => inner.InstanceId;

    public override string? ParentInstanceId => inner.Parent?.InstanceId;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    public override T? GetInput<T>() where T : default => runner.FromElement<T>(inner.GetInput<JsonElement?>());

    public override async Task<TResult> CallActivityAsync<TResult>(Baton.Durable.TaskName name, object? input = null, Baton.Durable.TaskOptions? options = null)
    {
        try
        {
            return runner.FromElement<TResult>(await inner.CallActivityAsync<JsonElement?>(name.Name, runner.ToElement(input), FunctionsRetry.ToTaskOptions(this, options)))!;
        }
        catch (Df.TaskFailedException ex)
        {
            throw FunctionsFailures.ToBaton(ex.TaskName, ex.TaskId, ex.FailureDetails);
        }
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(Baton.Durable.TaskName orchestratorName, object? input = null, Baton.Durable.TaskOptions? options = null)
    {
        try
        {
            // A child without an id of its own is named {parent}:{guid} as on Baton's engine (Durable would give a bare
            // guid), so the dashboard can nest it under its parent: Durable's client reports no parent id. Under a retry
            // policy too: Durable picks a child's id once and re-creates a failed attempt under that same id (as it does
            // with its own bare guid), so one deterministic id serves every attempt.
            var subOptions = FunctionsRetry.ToSubOrchestrationOptions(this, options);
            if (subOptions?.InstanceId is null)
            {
                subOptions = new Df.SubOrchestrationOptions(subOptions?.Retry, $"{inner.InstanceId}:{inner.NewGuid():N}");
            }

            return runner.FromElement<TResult>(await inner.CallSubOrchestratorAsync<JsonElement?>(orchestratorName.Name, runner.ToElement(input), subOptions))!;
        }
        catch (Df.TaskFailedException ex)
        {
            throw FunctionsFailures.ToBaton(ex.TaskName, ex.TaskId, ex.FailureDetails);
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override async Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        runner.FromElement<T>(await inner.WaitForExternalEvent<JsonElement?>(eventName, cancellationToken))!;

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken) =>
        runner.FromElement<T>(await inner.WaitForExternalEvent<JsonElement?>(eventName, timeout, cancellationToken))!;

    public override void SetCustomStatus(object? customStatus)
    {
        var element = runner.ToElement(customStatus);
        ThrowIfCustomStatusTooLarge(element?.GetRawText());
        inner.SetCustomStatus(element);
    }

    public override void SendEvent(string instanceId, string eventName, object payload) =>
        inner.SendEvent(instanceId, eventName, (object?)runner.ToElement(payload) ?? payload);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        inner.ContinueAsNew(runner.ToElement(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid() => inner.NewGuid();

    /// <summary>The Durable context, for the retry handlers' durable timers.</summary>
    internal Df.TaskOrchestrationContext Inner => inner;
}
