namespace Baton.Workflows;

/// <summary>The states of a <see cref="WorkflowNames.DocumentSignoff"/> run, shown as <see cref="WorkflowStatus.State"/>.</summary>
public enum SignoffState
{
    /// <summary>The drafter writes or revises the document.</summary>
    Drafting,

    /// <summary>The reviewer reviews the current draft.</summary>
    Reviewing,

    /// <summary>A person is asked to sign the document off.</summary>
    AwaitingSignOff,

    /// <summary>Signed off by a person. Final.</summary>
    Approved,

    /// <summary>Refused by a person. Final.</summary>
    Rejected,

    /// <summary>Nobody signed off before the timeout. Final.</summary>
    TimedOut,
}
