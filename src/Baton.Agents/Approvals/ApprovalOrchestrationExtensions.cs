using Baton.Durable;

namespace Baton.Agents;

/// <summary>The approval gate, for orchestration code: ask people, wait durably, remind, escalate, apply a default.</summary>
public static class ApprovalOrchestrationExtensions
{
    // The ledger activities retry on their own: a storage hiccup must not fail a run that waits for a person.
    private static readonly TaskOptions LedgerRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30)));

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
        return new ApprovalRequest(id, context.InstanceId, "approval-" + id, title, approvers, now, now + policy.Timeout)
        {
            Workflow = context.Name.Name,
        };
    }

    /// <summary>
    /// Notifies the approvers (through the <see cref="AgentActivityNames.NotifyApprovers"/> activity, which also writes
    /// the request to the approvals ledger) and waits for an <see cref="ApprovalDecision"/> raised as
    /// <see cref="ApprovalRequest.EventName"/> until <see cref="ApprovalRequest.ExpiresAt"/>. Every decision received is
    /// settled against the ledger (<see cref="AgentActivityNames.SettleApproval"/>): the run goes on only with the
    /// ledger's one decision, from an approver on the list or an explicit override; anything else is recorded as refused
    /// and the run keeps waiting. Every <see cref="ApprovalPolicy.ReminderInterval"/> without an answer it sends a
    /// reminder, up to <see cref="ApprovalPolicy.MaxReminders"/>; after that, one notification to the
    /// <see cref="ApprovalPolicy.EscalationApprovers"/>, who may then decide too. At the deadline it returns the policy's
    /// default decision (<see cref="ApprovalDecision.IsDefault"/> set) — or the decision a person made just before, if the
    /// ledger holds one — or throws <see cref="ApprovalTimeoutException"/> when the default is
    /// <see cref="ApprovalTimeoutAction.Fail"/>. Deterministic: all waiting is on durable timers and events, and every
    /// ledger read or write happens in an activity.
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
            new ApprovalNotification(request, ApprovalNotificationKind.Requested, request.Approvers),
            LedgerRetry);

        var reminders = 0;
        var escalated = false;
        var interval = policy.ReminderInterval is { } every && every > TimeSpan.Zero ? every : (TimeSpan?)null;
        var nextNudge = interval is { } first ? context.CurrentUtcDateTime + first : request.ExpiresAt;
        while (true)
        {
            var now = context.CurrentUtcDateTime;
            if (now >= request.ExpiresAt)
            {
                break;
            }

            var moreToSend = reminders < policy.MaxReminders || (!escalated && escalation.Count > 0);
            var until = interval is not null && moreToSend && nextNudge < request.ExpiresAt ? nextNudge : request.ExpiresAt;
            ApprovalDecision received;
            try
            {
                received = await context.WaitForExternalEvent<ApprovalDecision>(request.EventName, until - now);
            }
            catch (OperationCanceledException)
            {
                if (context.CurrentUtcDateTime >= request.ExpiresAt)
                {
                    break;
                }

                if (reminders < policy.MaxReminders)
                {
                    reminders++;
                    await context.CallActivityAsync<bool>(
                        AgentActivityNames.NotifyApprovers,
                        new ApprovalNotification(request, ApprovalNotificationKind.Reminder, request.Approvers, reminders),
                        LedgerRetry);
                }
                else if (!escalated && escalation.Count > 0)
                {
                    escalated = true;
                    await context.CallActivityAsync<bool>(
                        AgentActivityNames.NotifyApprovers,
                        new ApprovalNotification(request, ApprovalNotificationKind.Escalated, escalation),
                        LedgerRetry);
                }

                nextNudge = context.CurrentUtcDateTime + (interval ?? TimeSpan.Zero);
                continue;
            }

            var deciders = escalated ? [.. request.Approvers, .. escalation] : request.Approvers;
            var verdict = await context.CallActivityAsync<ApprovalVerdict>(
                AgentActivityNames.SettleApproval,
                new ApprovalSettlement(request.InstanceId, request.EventName, received, deciders, null, context.CurrentUtcDateTime),
                LedgerRetry);
            if (verdict.Accepted && verdict.Decision is { } accepted)
            {
                return accepted;
            }

            // Refused (not on the list, a second decision, a closed record): recorded in the ledger; keep waiting.
        }

        var fallback = policy.DefaultDecision switch
        {
            ApprovalTimeoutAction.Approve => new ApprovalDecision(true, ApprovalDecision.TimeoutApprover, "Approved by default: no decision before the deadline.", context.CurrentUtcDateTime) { IsDefault = true },
            ApprovalTimeoutAction.Reject => new ApprovalDecision(false, ApprovalDecision.TimeoutApprover, "Rejected by default: no decision before the deadline.", context.CurrentUtcDateTime) { IsDefault = true },
            _ => null,
        };
        var closing = await context.CallActivityAsync<ApprovalVerdict>(
            AgentActivityNames.SettleApproval,
            new ApprovalSettlement(request.InstanceId, request.EventName, null, request.Approvers, fallback, context.CurrentUtcDateTime),
            LedgerRetry);
        return closing.Decision ?? throw new ApprovalTimeoutException(request);
    }
}
