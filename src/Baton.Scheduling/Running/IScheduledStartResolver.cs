namespace Baton.Scheduling;

/// <summary>
/// Maps a schedule's workflow name and input onto the orchestration that runs it, so that a scheduled run starts exactly
/// as a run started over HTTP does (a declarative workflow, for one, runs on a generic orchestrator). Without one, the
/// workflow name is the orchestrator name and the input is passed as is. Implementations are thread-safe.
/// </summary>
public interface IScheduledStartResolver
{
    /// <summary>The orchestrator name and input to schedule for <paramref name="workflow"/> with <paramref name="input"/>.</summary>
    (string Orchestrator, object? Input) Resolve(string workflow, object? input);
}
