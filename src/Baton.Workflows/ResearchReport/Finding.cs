namespace Baton.Workflows;

/// <summary>One finding.</summary>
/// <param name="Statement">What was found, in one or two sentences.</param>
/// <param name="Source">The path of the source document.</param>
/// <param name="Confidence">How well the evidence supports it.</param>
public sealed record Finding(string Statement, string Source, FindingConfidence Confidence);
