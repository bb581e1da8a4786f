namespace Baton.Durable;

/// <summary>
/// The orchestration code asked for something other than what its history recorded, so replay cannot
/// continue. The message names the instance, the position in history, what history holds and what the
/// code asked for. Fix the code (keep the order and names of awaited calls stable between versions)
/// or start a new instance.
/// </summary>
public sealed class NonDeterministicOrchestrationException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NonDeterministicOrchestrationException(string instanceId, int taskId, string recorded, string requested)
        : base($"Non-deterministic orchestration '{instanceId}': at task #{taskId} history holds {recorded}, " +
               $"but the code asked for {requested}. Orchestration code must make the same calls in the same order on every replay.")
    {
        InstanceId = instanceId;
        TaskId = taskId;
    }

    /// <summary>The instance whose replay failed.</summary>
    public string InstanceId { get; }

    /// <summary>The position (task sequence number) where code and history disagree.</summary>
    public int TaskId { get; }
}
