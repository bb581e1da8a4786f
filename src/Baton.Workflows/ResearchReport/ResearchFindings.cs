namespace Baton.Workflows;

/// <summary>The analyst's structured answer.</summary>
/// <param name="Summary">Two or three sentences: what the findings add up to.</param>
/// <param name="Findings">The findings, most important first.</param>
/// <param name="Risks">Risks that follow from the findings.</param>
/// <param name="Recommendations">Recommended actions, most important first.</param>
public sealed record ResearchFindings(
    string Summary,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Risks,
    IReadOnlyList<string> Recommendations);
