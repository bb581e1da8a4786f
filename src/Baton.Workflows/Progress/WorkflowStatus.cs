namespace Baton.Workflows;

/// <summary>
/// What a workflow shows in its custom status while it runs: where it is, which agent is working, what is awaited
/// and what the run has spent. Built only from recorded results, so it is the same on every replay.
/// </summary>
/// <param name="Workflow">The workflow's name.</param>
/// <param name="State">The coarse state, e.g. Researching, AwaitingApproval, Publishing, Completed.</param>
/// <param name="Step">What happens within the state, e.g. "Writer: model", "2 of 3 reviewers answered".</param>
/// <param name="Spend">Tokens and estimated cost so far, in all and per agent.</param>
public sealed record WorkflowStatus(string Workflow, string State, string Step, Baton.Agents.RunSpend Spend)
{
    /// <summary>The event a pending approval waits for, while the state is AwaitingApproval.</summary>
    public string? PendingApprovalEvent { get; init; }

    /// <summary>How many times a draft was revised after a review.</summary>
    public int Revisions { get; init; }
}
