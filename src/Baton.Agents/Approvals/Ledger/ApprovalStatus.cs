namespace Baton.Agents;

/// <summary>Where an approval record stands in the ledger. Only <see cref="Pending"/> can change into another status.</summary>
public enum ApprovalStatus
{
    /// <summary>Asked, not decided yet.</summary>
    Pending,

    /// <summary>A person (or an audited override) approved.</summary>
    Approved,

    /// <summary>A person (or an audited override) rejected.</summary>
    Rejected,

    /// <summary>Nobody decided before the deadline; the policy's default applied.</summary>
    Expired,

    /// <summary>The run ended (terminated, failed, purged) before a decision reached it.</summary>
    Cancelled,
}
