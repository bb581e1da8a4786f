namespace Baton.Workflows;

/// <summary>Where something is written: file, 1-based line and column.</summary>
internal sealed record SourcePosition(string File, int Line, int Column);
