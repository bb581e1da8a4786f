namespace Baton.Agents;

/// <summary>What the agent loop does when the next call would exceed the run's budget.</summary>
public enum BudgetExceededAction
{
    /// <summary>Fail the run with <see cref="BudgetExceededException"/>.</summary>
    Fail,

    /// <summary>Ask the approvers for more through the approval gate; fail if they reject.</summary>
    RequestApproval,
}
