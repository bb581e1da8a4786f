namespace Baton.Workflows;

/// <summary>A review decision, from the most to the least permissive.</summary>
public enum ReviewDecision
{
    /// <summary>Nothing needs to change.</summary>
    Approve,

    /// <summary>Issues must be fixed, but none blocks release.</summary>
    ApproveWithChanges,

    /// <summary>An issue blocks release.</summary>
    Reject,
}
