namespace Baton.Agents;

/// <summary>The names the agent activities are registered and called by. Stable: history records them.</summary>
public static class AgentActivityNames
{
    /// <summary>One LLM call: <see cref="AgentCall"/> in, <see cref="AgentReply"/> out.</summary>
    public const string InvokeAgent = "InvokeAgent";

    /// <summary>One tool call: <see cref="ToolCall"/> in, <see cref="ToolResult"/> out.</summary>
    public const string InvokeTool = "InvokeTool";

    /// <summary>Sends an approval notification: <see cref="ApprovalNotification"/> in, nothing out.</summary>
    public const string NotifyApprovers = "NotifyApprovers";

    /// <summary>Checks a received approval decision (or the deadline) against the approvals ledger: <see cref="ApprovalSettlement"/> in, <see cref="ApprovalVerdict"/> out.</summary>
    public const string SettleApproval = "SettleApproval";
}
