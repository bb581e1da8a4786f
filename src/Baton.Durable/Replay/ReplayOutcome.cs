namespace Baton.Durable.Replay;

/// <summary>What replaying an orchestration over its history produced.</summary>
internal sealed class ReplayOutcome
{
    /// <summary>Running, Completed, Failed or ContinuedAsNew.</summary>
    public required OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>Actions the code asked for that history does not hold yet, in task order.</summary>
    public required IReadOnlyList<HistoryEvent> NewActions { get; init; }

    /// <summary>The serialized output when completed, or the new input when continued as new.</summary>
    public string? Output { get; init; }

    /// <summary>Why it failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The serialized custom status after the step.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Events to carry into the next execution after ContinueAsNew.</summary>
    public IReadOnlyList<HistoryEvent> CarriedOverEvents { get; init; } = [];
}
