using System.Text.Json.Serialization;

namespace Baton.Agents;

/// <summary>
/// One approval request in the <see cref="IApprovalLedger"/>: what was asked of whom, until when, and how it ended.
/// Written when the approvers are first notified, changed only through conditional replaces (<see cref="ETag"/>), so that
/// every process on a task hub agrees on exactly one outcome. Immutable; the ledger hands out new copies.
/// </summary>
/// <param name="InstanceId">The run that asked.</param>
/// <param name="EventName">The event the run waits for; with <paramref name="InstanceId"/> it identifies the record.</param>
public sealed record ApprovalRecord(string InstanceId, string EventName)
{
    /// <summary>The workflow (orchestration name) of the run, when known.</summary>
    public string? Workflow { get; init; }

    /// <summary>What kind of approval: "report", "sign-off", "tool-call", "budget" or the caller's word.</summary>
    public string Kind { get; init; } = "custom";

    /// <summary>What is asked, in one line.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>What is asked, in more words (a draft, a summary).</summary>
    public string? Details { get; init; }

    /// <summary>For a tool call: the tool's name.</summary>
    public string? ToolName { get; init; }

    /// <summary>For a tool call: its arguments, as JSON.</summary>
    public string? ArgumentsJson { get; init; }

    /// <summary>The agent that asked, if any.</summary>
    public string? AgentName { get; init; }

    /// <summary>Who may decide from the start.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];

    /// <summary>Who was asked as well once the reminders were spent (empty until <see cref="Escalated"/>).</summary>
    public IReadOnlyList<string> EscalationApprovers { get; init; } = [];

    /// <summary>True once the request was escalated: <see cref="EscalationApprovers"/> may decide too.</summary>
    public bool Escalated { get; init; }

    /// <summary>True when the approver may edit the draft (or a tool call's arguments) as part of the decision.</summary>
    public bool AllowEdits { get; init; }

    /// <summary>When it was asked (UTC).</summary>
    public DateTime RequestedAt { get; init; }

    /// <summary>The deadline, after which the policy's default applies (UTC).</summary>
    public DateTime ExpiresAt { get; init; }

    /// <summary>How many reminders were sent.</summary>
    public int RemindersSent { get; init; }

    /// <summary>Where the record stands.</summary>
    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;

    /// <summary>The decision: who, when, through which channel, with what comment and edits; the default at expiry.</summary>
    public ApprovalDecision? Decision { get; init; }

    /// <summary>When the decision's event was handed to the run (UTC); null while it still has to be raised.</summary>
    public DateTime? RaisedAt { get; init; }

    /// <summary>When the run accepted the decision (UTC).</summary>
    public DateTime? AcknowledgedAt { get; init; }

    /// <summary>When the record was closed without a person's decision (expired or cancelled), in UTC.</summary>
    public DateTime? ClosedAt { get; init; }

    /// <summary>Why it was closed, in words.</summary>
    public string? ClosedReason { get; init; }

    /// <summary>Decisions that were refused (not on the list, too late, a second decision), oldest first.</summary>
    public IReadOnlyList<ApprovalRefusal> Refusals { get; init; } = [];

    /// <summary>The stored version, set by the ledger; a replace succeeds only while it is current.</summary>
    public string? ETag { get; init; }

    /// <summary>True when a person (or an override) decided.</summary>
    [JsonIgnore]
    public bool IsDecided => Status is ApprovalStatus.Approved or ApprovalStatus.Rejected;

    /// <summary>True when the decision still has to reach the run: decided, never raised, never acknowledged.</summary>
    [JsonIgnore]
    public bool AwaitsDelivery => IsDecided && RaisedAt is null && AcknowledgedAt is null;

    /// <summary>Everyone who may decide now: the approvers, and the escalation approvers once escalated.</summary>
    [JsonIgnore]
    public IEnumerable<string> Deciders => Escalated ? Approvers.Concat(EscalationApprovers) : Approvers;

    /// <summary>True when <paramref name="approver"/> may decide now (case-insensitive).</summary>
    public bool MayDecide(string? approver) =>
        !string.IsNullOrWhiteSpace(approver) && Deciders.Contains(approver.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>A pending record for <paramref name="request"/>.</summary>
    public static ApprovalRecord For(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApprovalRecord(request.InstanceId, request.EventName)
        {
            Workflow = request.Workflow,
            Kind = request.Kind,
            Title = request.Title,
            Details = request.Details,
            ToolName = request.ToolName,
            ArgumentsJson = request.ArgumentsJson,
            AgentName = request.AgentName,
            Approvers = [.. request.Approvers],
            AllowEdits = request.AllowEdits,
            RequestedAt = request.RequestedAt,
            ExpiresAt = request.ExpiresAt,
        };
    }

    /// <summary>This record with <paramref name="refusal"/> appended once (a repeat of the same refusal is not; the newest 50 are kept).</summary>
    public ApprovalRecord WithRefusal(ApprovalRefusal refusal) =>
        Refusals.Contains(refusal) ? this : this with { Refusals = [.. Refusals.Append(refusal).TakeLast(50)] };
}
