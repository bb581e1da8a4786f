using System.Text.Json;
using Baton.Durable;

namespace Baton.Workflows.Hosting;

/// <summary>
/// Runs registered orchestrators and activities by name for a host that is not Baton's engine (Azure Functions with
/// Durable Functions). Payloads cross that host as <see cref="JsonElement"/>s produced by Baton's
/// <see cref="DataConverter"/>, so inputs, outputs, events and custom status read the same on both engines.
/// Activity failures leave as <see cref="DurableActivityException"/>, whose message carries the whole
/// <see cref="TaskFailureDetails"/> (retry-after hint and properties included) for <see cref="DurableFailureCodec"/>.
/// Thread-safe.
/// </summary>
public sealed class RegisteredTaskRunner(DurableTaskRegistry registry, IServiceProvider services, DataConverter? converter = null)
{
    private readonly DataConverter _converter = converter ?? JsonDataConverter.Default;

    /// <summary>The registry the runner resolves names in.</summary>
    public DurableTaskRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Runs the orchestrator registered as <paramref name="name"/> with <paramref name="context"/>.</summary>
    /// <exception cref="KeyNotFoundException">No orchestrator has that name; the message lists those that do.</exception>
    public async Task<JsonElement?> RunOrchestratorAsync(TaskName name, TaskOrchestrationContext context, JsonElement? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Registry.TryCreateOrchestrator(name, services, out var orchestrator))
        {
            throw new KeyNotFoundException(
                $"Orchestrator '{name}' is not registered. Registered orchestrators: {string.Join(", ", Registry.OrchestratorNames)}. " +
                $"Register its [DurableTask(\"{name}\")] class with services.AddBaton(b => b.AddWorkflow<YourOrchestrator>()) or b.AddWorkflowsFrom(assembly).");
        }

        var output = await orchestrator!.RunAsync(context, FromElement(input, orchestrator.InputType));
        return ToElement(output);
    }

    /// <summary>
    /// Runs the activity registered as <paramref name="name"/>. A failure is rethrown as <see cref="DurableActivityException"/>;
    /// cancellation passes through.
    /// </summary>
    public async Task<JsonElement?> RunActivityAsync(TaskName name, string instanceId, JsonElement? input, CancellationToken cancellationToken = default)
    {
        if (!Registry.TryCreateActivity(name, services, out var activity))
        {
            throw new DurableActivityException(new TaskFailureDetails(
                typeof(KeyNotFoundException).FullName!,
                $"Activity '{name}' is not registered. Registered activities: {string.Join(", ", Registry.ActivityNames)}. " +
                $"Register its [DurableTask(\"{name}\")] class with services.AddBaton(b => b.AddActivity<YourActivity>()) or b.AddWorkflowsFrom(assembly)."));
        }

        try
        {
            var result = await activity!.RunAsync(new HostedActivityContext(name, instanceId, cancellationToken), FromElement(input, activity.InputType));
            return ToElement(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not DurableActivityException)
        {
            throw new DurableActivityException(TaskFailureDetails.FromException(ex));
        }
    }

    /// <summary>Serializes a value with Baton's converter into a JSON element; null stays null.</summary>
    public JsonElement? ToElement(object? value)
    {
        var json = _converter.Serialize(value);
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Reads a JSON element with Baton's converter; null gives the type's default.</summary>
    public T? FromElement<T>(JsonElement? element) => (T?)FromElement(element, typeof(T));

    /// <summary>Reads a JSON element with Baton's converter; null gives the type's default.</summary>
    public object? FromElement(JsonElement? element, Type type) =>
        _converter.Deserialize(element is { ValueKind: not JsonValueKind.Undefined } e ? e.GetRawText() : null, type);

    private sealed class HostedActivityContext(TaskName name, string instanceId, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
