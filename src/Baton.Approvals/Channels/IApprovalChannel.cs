namespace Baton.Approvals;

/// <summary>One way of reaching approvers (outbox, email, Teams). Called at least once per message: repeats must be harmless.</summary>
public interface IApprovalChannel
{
    /// <summary>A short name for logs, e.g. "smtp".</summary>
    string Name { get; }

    /// <summary>True when the channel is configured; disabled channels are skipped.</summary>
    bool IsEnabled { get; }

    /// <summary>Delivers the messages of one notification, one per approver.</summary>
    Task SendAsync(IReadOnlyList<ApprovalMessage> messages, CancellationToken cancellationToken);
}
