namespace Baton.Workflows;

/// <summary>A reviewer that answered, with its verdict.</summary>
/// <param name="Reviewer">The reviewer agent's name.</param>
/// <param name="Verdict">Its verdict.</param>
public sealed record ReviewerVerdict(string Reviewer, ReviewVerdict Verdict);
