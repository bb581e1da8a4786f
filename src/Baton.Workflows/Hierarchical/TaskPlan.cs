namespace Baton.Workflows;

/// <summary>The lead's structured decomposition of a task.</summary>
/// <param name="Approach">One or two sentences: how the sub-tasks add up to the task.</param>
/// <param name="SubTasks">The sub-tasks, in the order their results should be read.</param>
public sealed record TaskPlan(string Approach, IReadOnlyList<SubTask> SubTasks);
