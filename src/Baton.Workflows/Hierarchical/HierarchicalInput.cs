using System.ComponentModel.DataAnnotations;
using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.Hierarchical"/>.</summary>
/// <param name="Task">The task for the lead, in plain words.</param>
public sealed record HierarchicalInput([MinLength(1)] string Task)
{
    /// <summary>At most this many sub-tasks are run; the lead's later ones are dropped. Default 4.</summary>
    [Range(1, 20)]
    public int MaxSubTasks { get; init; } = 4;

    /// <summary>When true, the first failed sub-team fails the run; by default failures are reported and the lead synthesises the rest.</summary>
    public bool FailOnSubTeamFailure { get; init; }

    /// <summary>Who approves research reports and signs documents off, for sub-teams of those patterns.</summary>
    [EmailAddresses]
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>The reviewers of parallel-review sub-teams; that workflow's defaults when null.</summary>
    [MinLength(1)]
    public IReadOnlyList<string>? Reviewers { get; init; }

    /// <summary>The participants of group-chat sub-teams; the drafter and the writer when null.</summary>
    [MinLength(2)]
    public IReadOnlyList<string>? ChatParticipants { get; init; }

    /// <summary>Rounds of group-chat sub-teams. Default 4.</summary>
    [Range(1, 50)]
    public int ChatRounds { get; init; } = 4;

    /// <summary>The lead's token or cost budget; none when null. Sub-teams have their own.</summary>
    public RunBudget? Budget { get; init; }
}
