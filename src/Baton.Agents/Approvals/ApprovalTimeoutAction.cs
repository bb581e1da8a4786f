namespace Baton.Agents;

/// <summary>What an approval request resolves to when nobody decides before its timeout.</summary>
public enum ApprovalTimeoutAction
{
    /// <summary>Treat it as rejected.</summary>
    Reject,

    /// <summary>Treat it as approved.</summary>
    Approve,

    /// <summary>Fail the orchestration with <see cref="ApprovalTimeoutException"/>.</summary>
    Fail,
}
