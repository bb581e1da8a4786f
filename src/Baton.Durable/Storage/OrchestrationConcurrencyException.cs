namespace Baton.Durable.Storage;

/// <summary>
/// The instance's history or row changed since the work item was locked (another process took the partition,
/// say), so the step was not committed. The engine abandons the work item and the messages are processed again.
/// </summary>
public sealed class OrchestrationConcurrencyException(string instanceId, string detail)
    : InvalidOperationException($"The state of orchestration '{instanceId}' changed while a step was running; the step was not committed. {detail}")
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; } = instanceId;
}
