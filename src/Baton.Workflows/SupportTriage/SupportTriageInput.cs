using System.ComponentModel.DataAnnotations;
namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.SupportTriage"/>.</summary>
/// <param name="Customer">Who wrote (name or address).</param>
/// <param name="Subject">The request's subject line.</param>
/// <param name="Message">The request's text.</param>
/// <param name="Approvers">Who approves creating an escalation ticket: email addresses, at least one.</param>
public sealed record SupportTriageInput(string Customer, string Subject, [MinLength(1)] string Message, [MinLength(1), EmailAddresses] IReadOnlyList<string> Approvers)
{
    /// <summary>Below this classifier confidence (0 to 1) the request is escalated. Default 0.7.</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; init; } = 0.7;

    /// <summary>At or above this urgency the request is escalated. Default High.</summary>
    public TicketUrgency EscalateAtUrgency { get; init; } = TicketUrgency.High;

    /// <summary>How long the ticket approval waits before it is rejected by default. Default 4 hours.</summary>
    public TimeSpan TicketApprovalTimeout { get; init; } = TimeSpan.FromHours(4);
}
