namespace Contoso.Quotes;

/// <summary>A clause to check.</summary>
/// <param name="Clause">The clause text.</param>
public sealed record ClauseCheckRequest(string Clause);
