using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of <see cref="WorkflowNames.Hierarchical"/>.</summary>
/// <param name="Task">The task.</param>
/// <param name="Plan">The lead's plan (with only the sub-tasks that ran).</param>
/// <param name="Teams">Each sub-team's result, in plan order; failed ones included.</param>
/// <param name="Synthesis">The lead's final answer from the sub-teams' results.</param>
/// <param name="Spend">Tokens and estimated cost of the lead's own calls.</param>
public sealed record HierarchicalOutput(string Task, TaskPlan Plan, IReadOnlyList<SubTeamResult> Teams, string Synthesis, RunSpend Spend)
{
    /// <summary>The sub-teams that failed.</summary>
    public IReadOnlyList<SubTeamResult> Failed => [.. Teams.Where(t => !t.Succeeded)];
}
