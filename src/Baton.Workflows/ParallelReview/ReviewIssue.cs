namespace Baton.Workflows;

/// <summary>One issue a reviewer raised.</summary>
/// <param name="Severity">How serious it is.</param>
/// <param name="Location">Where it is: a few quoted words of the document.</param>
/// <param name="Description">What is wrong.</param>
/// <param name="Fix">A concrete change that resolves it.</param>
public sealed record ReviewIssue(IssueSeverity Severity, string Location, string Description, string Fix);
