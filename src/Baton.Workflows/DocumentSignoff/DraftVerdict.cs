namespace Baton.Workflows;

/// <summary>What the reviewer of a draft decides.</summary>
public enum DraftVerdict
{
    /// <summary>The draft is ready for sign-off.</summary>
    Approve,

    /// <summary>The draft needs the listed changes first.</summary>
    RequestChanges,
}
