namespace Baton.Workflows;

/// <summary>A reviewer that gave no verdict, and why.</summary>
/// <param name="Reviewer">The reviewer agent's name.</param>
/// <param name="Error">What failed (the activity's error message).</param>
public sealed record ReviewerFailure(string Reviewer, string Error);
