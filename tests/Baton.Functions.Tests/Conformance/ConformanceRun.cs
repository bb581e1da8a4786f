namespace Baton.Functions.Tests.Conformance;

/// <summary>How a run ended on one engine, as its client reports it.</summary>
/// <param name="Status">The runtime status's name (Completed, Failed, ...).</param>
/// <param name="Output">The serialized output.</param>
/// <param name="CustomStatus">The last custom status, serialized.</param>
/// <param name="Failure">"type: message" of a failed run.</param>
/// <param name="ModelCalls">Model calls the run made (replay must make none).</param>
internal sealed record ConformanceRun(string Status, string? Output, string? CustomStatus, string? Failure, int ModelCalls)
{
    /// <summary>The approval notifications the run sent, in order: kind, event and recipients.</summary>
    public IReadOnlyList<string> Notifications { get; init; } = [];
}
