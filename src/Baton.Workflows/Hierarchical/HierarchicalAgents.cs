using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The agents of <see cref="WorkflowNames.Hierarchical"/>: the lead that plans and the lead that synthesises.</summary>
public static class HierarchicalAgents
{
    /// <summary>The lead's name when planning.</summary>
    public const string LeadName = "team-lead";

    /// <summary>The lead's name when synthesising.</summary>
    public const string SynthesizerName = "team-lead-synthesis";

    /// <summary>Splits a task into self-contained sub-tasks, each for a sub-team of a chosen pattern.</summary>
    public static AgentDefinition Lead { get; } = new(
        LeadName,
        """
        You lead a group of agent teams. Split the task you are given into two to four sub-tasks that together cover it,
        without overlap. For each, give a short title, self-contained instructions (the team sees nothing else: include
        the facts and the material it needs) and the team that should handle it:
        - ParallelReview when existing material must be checked from several angles (security, legal, finance);
        - GroupChat when options must be discussed or brainstormed;
        - ResearchReport when sources must be searched and a report written for approval;
        - DocumentSignoff when a document must be drafted, reviewed and signed off.
        Say in one or two sentences how the sub-tasks add up to the task. Answer only with JSON matching the required schema.
        """,
        "planning")
    {
        Description = "Decomposes a task into sub-tasks for sub-teams.",
        OutputType = typeof(TaskPlan),
        Options = new AgentModelOptions(Temperature: 0.2f),
    };

    /// <summary>Writes the final answer from the sub-teams' results, saying what is missing when a team failed.</summary>
    public static AgentDefinition Synthesizer { get; } = new(
        SynthesizerName,
        """
        You lead a group of agent teams and write the final answer to the task from your teams' results. Write a concise
        markdown report: the answer first, then one section per sub-task with what its team found. When a team failed,
        say which part of the task is therefore not covered; never invent its result.
        """,
        "planning")
    {
        Description = "Synthesises the sub-teams' results into the final answer.",
    };

    /// <summary>Both agents.</summary>
    public static IReadOnlyList<AgentDefinition> All { get; } = [Lead, Synthesizer];
}
