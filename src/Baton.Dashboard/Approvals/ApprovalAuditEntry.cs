namespace Baton.Dashboard;

/// <summary>One line of the audit trail, from the approvals ledger: a decision, a default at the deadline, a cancellation, or a refused decision.</summary>
/// <param name="InstanceId">The run.</param>
/// <param name="Workflow">The run's workflow.</param>
/// <param name="EventName">The approval's event.</param>
/// <param name="Title">What was asked.</param>
/// <param name="Outcome">approved, rejected, expired, cancelled or refused.</param>
/// <param name="Approver">Who decided (or claimed to); "policy:timeout" for a default; empty for a cancellation.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Comment">The comment, or for a refusal or cancellation the reason.</param>
/// <param name="Channel">How it arrived: link, inbox, api, override, policy.</param>
/// <param name="EditedText">The approver's edit, when the decision carried one.</param>
internal sealed record ApprovalAuditEntry(
    string InstanceId,
    string Workflow,
    string EventName,
    string Title,
    string Outcome,
    string Approver,
    DateTime At,
    string? Comment,
    string? Channel,
    string? EditedText);
