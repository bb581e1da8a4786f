namespace Baton.Workflows;

/// <summary>What one sub-team of a <see cref="WorkflowNames.Hierarchical"/> run did.</summary>
/// <param name="Index">The sub-task's position in the plan, from 1.</param>
/// <param name="Title">The sub-task's title.</param>
/// <param name="Team">The pattern it ran in.</param>
/// <param name="Workflow">The workflow the sub-team ran as.</param>
/// <param name="InstanceId">The sub-orchestration's instance id.</param>
/// <param name="Succeeded">True when the sub-team finished.</param>
/// <param name="Result">The sub-team's result as text for the lead (report, merged review, transcript, document); null on failure.</param>
/// <param name="Error">Why the sub-team failed; null on success.</param>
/// <param name="Tokens">Tokens the sub-team spent (0 when it failed).</param>
public sealed record SubTeamResult(int Index, string Title, SubTeamPattern Team, string Workflow, string InstanceId, bool Succeeded, string? Result, string? Error, long Tokens);
