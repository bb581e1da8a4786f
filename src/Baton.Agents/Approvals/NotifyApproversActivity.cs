using Baton.Durable;

namespace Baton.Agents;

/// <summary>
/// The <see cref="AgentActivityNames.NotifyApprovers"/> activity: writes the request to the <see cref="IApprovalLedger"/>
/// (a new record on the first notification, the reminder count or the escalation list after), then hands the
/// notification to <see cref="IApprovalNotifier"/>. The ledger is written first, so a link never arrives before its
/// record; both writes are idempotent, so the activity may run twice.
/// </summary>
[DurableTask(AgentActivityNames.NotifyApprovers)]
public sealed class NotifyApproversActivity(IApprovalNotifier notifier, IApprovalLedger ledger) : TaskActivity<ApprovalNotification, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ApprovalNotification input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var record = await ledger.AddIfAbsentAsync(ApprovalRecord.For(request), context.CancellationToken);
        if (record.Status != ApprovalStatus.Pending)
        {
            // Decided or closed meanwhile: a reminder or escalation would ask people about something already settled.
            return true;
        }

        switch (input.Kind)
        {
            case ApprovalNotificationKind.Reminder:
                await ledger.UpdateAsync(request.InstanceId, request.EventName, r =>
                    r.RemindersSent >= input.Sequence ? null : r with { RemindersSent = input.Sequence }, context.CancellationToken);
                break;
            case ApprovalNotificationKind.Escalated:
                await ledger.UpdateAsync(request.InstanceId, request.EventName, r =>
                    r.Escalated ? null : r with { Escalated = true, EscalationApprovers = [.. input.Recipients] }, context.CancellationToken);
                break;
        }

        await notifier.NotifyAsync(input, context.CancellationToken);
        return true;
    }
}
