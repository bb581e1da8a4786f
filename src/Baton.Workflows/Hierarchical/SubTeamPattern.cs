namespace Baton.Workflows;

/// <summary>How a sub-team of a <see cref="WorkflowNames.Hierarchical"/> run works: one of the catalog's patterns.</summary>
public enum SubTeamPattern
{
    /// <summary>Specialists review the sub-task's material in parallel; an aggregator merges (<see cref="WorkflowNames.ParallelReview"/>).</summary>
    ParallelReview,

    /// <summary>Agents discuss the sub-task in turns (<see cref="WorkflowNames.GroupChat"/>).</summary>
    GroupChat,

    /// <summary>Researcher, analyst and writer produce a report a person approves (<see cref="WorkflowNames.ResearchReport"/>).</summary>
    ResearchReport,

    /// <summary>A drafter and a reviewer iterate on a document a person signs off (<see cref="WorkflowNames.DocumentSignoff"/>).</summary>
    DocumentSignoff,
}
