namespace Baton.Approvals;

/// <summary>
/// Where the outbox channel prints approval links for a person at the terminal. Kept apart from logging on purpose:
/// links carry tokens, and tokens must never reach log sinks.
/// </summary>
public interface IApprovalConsole
{
    /// <summary>Writes one line.</summary>
    void WriteLine(string line);
}
