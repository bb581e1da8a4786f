using Baton.Durable;

namespace Baton.Agents;

/// <summary>The <see cref="AgentActivityNames.NotifyApprovers"/> activity: hands a notification to <see cref="IApprovalNotifier"/>.</summary>
[DurableTask(AgentActivityNames.NotifyApprovers)]
public sealed class NotifyApproversActivity(IApprovalNotifier notifier) : TaskActivity<ApprovalNotification, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ApprovalNotification input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await notifier.NotifyAsync(input, context.CancellationToken);
        return true;
    }
}
