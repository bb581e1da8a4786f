namespace Baton.Agents;

/// <summary>What became of a <see cref="ApprovalBallot"/>.</summary>
public enum ApprovalDecisionOutcome
{
    /// <summary>This ballot won: it is the approval's decision, and its event was raised.</summary>
    Recorded,

    /// <summary>Another decision won first (the record says who and when); nothing changed.</summary>
    AlreadyDecided,

    /// <summary>The approval is no longer open (expired, or the run ended); nothing changed.</summary>
    Closed,

    /// <summary>The ledger holds no such approval.</summary>
    NotFound,

    /// <summary>The approver is not on the approval's list; recorded as a refusal.</summary>
    NotAnApprover,

    /// <summary>The ballot carries an edit the approval does not allow, or an edit that cannot be used (arguments that are not a JSON object).</summary>
    InvalidEdit,
}
