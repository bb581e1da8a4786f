namespace Baton.Dashboard;

/// <summary>One recorded approval decision: the event a run received and what it said.</summary>
internal sealed record ApprovalAuditEntry(string InstanceId, string Workflow, string EventName, bool Approved, string Approver, DateTime DecidedAt, string? Comment);
