using Baton.Durable;

namespace Baton.Agents;

/// <summary>The approval gate, for orchestration code: ask people, wait durably, remind, escalate, apply a default.</summary>
public static class ApprovalOrchestrationExtensions
{
    /// <summary>
    /// Builds a request whose id and event name come from <see cref="TaskOrchestrationContext.NewGuid"/> and whose
    /// times come from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, so it is the same on every replay.
    /// </summary>
    public static ApprovalRequest NewApprovalRequest(
        this TaskOrchestrationContext context,
        string title,
        IReadOnlyList<string> approvers,
        ApprovalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(approvers);
        ArgumentNullException.ThrowIfNull(policy);
        var id = context.NewGuid().ToString("N");
        var now = context.CurrentUtcDateTime;
        return new ApprovalRequest(id, context.InstanceId, "approval-" + id, title, approvers, now, now + policy.Timeout);
    }

    /// <summary>
    /// Notifies the approvers (through the <see cref="AgentActivityNames.NotifyApprovers"/> activity) and waits for
    /// an <see cref="ApprovalDecision"/> raised as <see cref="ApprovalRequest.EventName"/> until
    /// <see cref="ApprovalRequest.ExpiresAt"/>. Every <see cref="ApprovalPolicy.ReminderInterval"/> without an answer it
    /// sends a reminder, up to <see cref="ApprovalPolicy.MaxReminders"/>; after that, one notification to the
    /// <see cref="ApprovalPolicy.EscalationApprovers"/>. At the deadline it returns the policy's default decision
    /// (<see cref="ApprovalDecision.IsDefault"/> set), or throws <see cref="ApprovalTimeoutException"/> when the default is
    /// <see cref="ApprovalTimeoutAction.Fail"/>. Deterministic: all waiting is on durable timers and events.
    /// </summary>
    public static async Task<ApprovalDecision> RequestApprovalAsync(
        this TaskOrchestrationContext context,
        ApprovalRequest request,
        ApprovalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        if (request.Approvers.Count == 0)
        {
            throw new ArgumentException($"Approval '{request.Title}' names no approvers. Set AgentRunOptions.Approvers or the request's Approvers.", nameof(request));
        }

        var escalation = policy.EscalationApprovers ?? [];
        await context.CallActivityAsync<bool>(
            AgentActivityNames.NotifyApprovers,
            new ApprovalNotification(request, ApprovalNotificationKind.Requested, request.Approvers));

        var reminders = 0;
        var escalated = false;
        while (true)
        {
            var remaining = request.ExpiresAt - context.CurrentUtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var wait = remaining;
            var moreToSend = reminders < policy.MaxReminders || (!escalated && escalation.Count > 0);
            if (policy.ReminderInterval is { } interval && interval > TimeSpan.Zero && moreToSend && interval < remaining)
            {
                wait = interval;
            }

            try
            {
                return await context.WaitForExternalEvent<ApprovalDecision>(request.EventName, wait);
            }
            catch (OperationCanceledException)
            {
                // The wait timed out: remind, escalate, or fall through to the deadline.
            }

            if (context.CurrentUtcDateTime >= request.ExpiresAt)
            {
                break;
            }

            if (reminders < policy.MaxReminders)
            {
                reminders++;
                await context.CallActivityAsync<bool>(
                    AgentActivityNames.NotifyApprovers,
                    new ApprovalNotification(request, ApprovalNotificationKind.Reminder, request.Approvers, reminders));
            }
            else if (!escalated && escalation.Count > 0)
            {
                escalated = true;
                await context.CallActivityAsync<bool>(
                    AgentActivityNames.NotifyApprovers,
                    new ApprovalNotification(request, ApprovalNotificationKind.Escalated, escalation));
            }
        }

        return policy.DefaultDecision switch
        {
            ApprovalTimeoutAction.Approve => new ApprovalDecision(true, ApprovalDecision.TimeoutApprover, "Approved by default: no decision before the deadline.", context.CurrentUtcDateTime) { IsDefault = true },
            ApprovalTimeoutAction.Reject => new ApprovalDecision(false, ApprovalDecision.TimeoutApprover, "Rejected by default: no decision before the deadline.", context.CurrentUtcDateTime) { IsDefault = true },
            _ => throw new ApprovalTimeoutException(request),
        };
    }
}
