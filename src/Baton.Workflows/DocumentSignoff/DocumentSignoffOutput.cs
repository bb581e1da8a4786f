using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of <see cref="WorkflowNames.DocumentSignoff"/>.</summary>
/// <param name="Title">The document's title.</param>
/// <param name="State">The final state: <see cref="SignoffState.Approved"/>, <see cref="SignoffState.Rejected"/> or <see cref="SignoffState.TimedOut"/>.</param>
/// <param name="Document">The last draft.</param>
/// <param name="Rounds">Every review, in order.</param>
/// <param name="ReviewerApproved">True when the reviewer approved the last draft; false when the rounds ran out first.</param>
/// <param name="SignOff">The person's decision, or the timeout's default.</param>
/// <param name="Spend">Tokens and estimated cost of the whole run.</param>
public sealed record DocumentSignoffOutput(
    string Title,
    SignoffState State,
    string Document,
    IReadOnlyList<DraftRound> Rounds,
    bool ReviewerApproved,
    ApprovalDecision SignOff,
    RunSpend Spend);
