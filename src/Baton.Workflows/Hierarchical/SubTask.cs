namespace Baton.Workflows;

/// <summary>One sub-task of the lead's plan.</summary>
/// <param name="Title">A short name for the sub-task.</param>
/// <param name="Instructions">What the sub-team must produce, self-contained: the sub-team sees nothing else.</param>
/// <param name="Team">The pattern the sub-team works in.</param>
public sealed record SubTask(string Title, string Instructions, SubTeamPattern Team);
