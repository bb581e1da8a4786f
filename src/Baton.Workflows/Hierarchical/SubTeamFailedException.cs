namespace Baton.Workflows;

/// <summary>A sub-team failed and the hierarchical run was configured to stop on that (<see cref="HierarchicalInput.FailOnSubTeamFailure"/>).</summary>
public sealed class SubTeamFailedException(SubTeamResult team)
    : InvalidOperationException(
        $"Sub-team {team.Index} '{team.Title}' ({team.Workflow}, instance {team.InstanceId}) failed: {team.Error} " +
        "Fix the sub-team's cause, or set failOnSubTeamFailure to false to have failures reported instead.")
{
    /// <summary>The failed sub-team.</summary>
    public SubTeamResult Team { get; } = team;
}
