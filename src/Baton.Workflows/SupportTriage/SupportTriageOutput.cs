using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of <see cref="WorkflowNames.SupportTriage"/>.</summary>
/// <param name="Classification">The classifier's answer.</param>
/// <param name="Specialist">The specialist agent the request was routed to.</param>
/// <param name="SpecialistAnswer">The specialist's answer (internal, for the support team).</param>
/// <param name="EscalationReasons">Why the request was escalated; empty when it was not.</param>
/// <param name="Ticket">The escalation ticket, when one was created.</param>
/// <param name="TicketApproval">The decision on creating the ticket, when one was asked for.</param>
/// <param name="Reply">The reply drafted for the customer.</param>
/// <param name="Spend">Tokens and estimated cost of the whole run.</param>
public sealed record SupportTriageOutput(
    TicketClassification Classification,
    string Specialist,
    string SpecialistAnswer,
    IReadOnlyList<string> EscalationReasons,
    CreatedTicket? Ticket,
    ApprovalDecision? TicketApproval,
    string Reply,
    RunSpend Spend)
{
    /// <summary>True when the request was escalated.</summary>
    public bool Escalated => EscalationReasons.Count > 0;
}
