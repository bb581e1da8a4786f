using Baton.Agents;
using Baton.Durable;

namespace Baton.Http;

/// <summary>What a run's history says about one approval event: the run, the request people were asked, and the decision if one was recorded.</summary>
/// <param name="Instance">The run; null when no instance has the id.</param>
/// <param name="Request">The request from the approvers' notification; null when the history holds none for the event.</param>
/// <param name="Decision">The decision recorded in the history for the event; null while none is.</param>
public sealed record ApprovalSituation(OrchestrationMetadata? Instance, ApprovalRequest? Request, ApprovalDecision? Decision)
{
    /// <summary>The step the run shows in its custom status (<c>state</c> and <c>step</c>), if it shows one.</summary>
    public string? Step { get; init; }

    /// <summary>True when the run is still running, the request is known, undecided and not past its deadline at <paramref name="now"/>.</summary>
    public bool IsWaiting(DateTimeOffset now) =>
        Instance is { IsRunning: true } && Request is not null && Decision is null && Request.ExpiresAt > now.UtcDateTime;
}
