namespace Baton.Agents;

/// <summary>How a decision reached the ledger, as <see cref="ApprovalDecision.Channel"/> records it.</summary>
public static class ApprovalChannels
{
    /// <summary>The approval page of a signed link (email, Teams card, outbox).</summary>
    public const string Link = "link";

    /// <summary>The dashboard's approvals inbox.</summary>
    public const string Inbox = "inbox";

    /// <summary>A raw raise-event (management API or client code) from an approver on the list.</summary>
    public const string Api = "api";

    /// <summary>A raw raise-event marked as an override (<see cref="ApprovalDecision.IsOverride"/>): accepted from anyone, and audited as such.</summary>
    public const string Override = "override";

    /// <summary>The policy's default at the deadline.</summary>
    public const string Policy = "policy";
}
