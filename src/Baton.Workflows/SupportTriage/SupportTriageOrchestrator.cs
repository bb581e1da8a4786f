using System.Globalization;
using System.Text.Json;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.SupportTriage"/>: the classifier gives a <see cref="TicketClassification"/>; the request goes
/// to its category's specialist; when the confidence is below the input's minimum or the urgency at or above its
/// threshold, the escalation coordinator opens a ticket through the approval-gated <c>create_ticket</c> tool; the
/// communicator drafts the customer's reply. Progress and spend are in custom status as a <see cref="WorkflowStatus"/>.
/// </summary>
[DurableTask(WorkflowNames.SupportTriage)]
public sealed class SupportTriageOrchestrator : TaskOrchestrator<SupportTriageInput, SupportTriageOutput>
{
    /// <summary>The specialist agent per category.</summary>
    public static IReadOnlyDictionary<SupportCategory, string> Specialists { get; } = new Dictionary<SupportCategory, string>
    {
        [SupportCategory.Billing] = WorkflowAgentNames.BillingSpecialist,
        [SupportCategory.Technical] = WorkflowAgentNames.TechnicalSpecialist,
        [SupportCategory.Account] = WorkflowAgentNames.AccountSpecialist,
        [SupportCategory.General] = WorkflowAgentNames.GeneralSupport,
    };

    /// <inheritdoc />
    public override async Task<SupportTriageOutput> RunAsync(TaskOrchestrationContext context, SupportTriageInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        Validate(input);
        var progress = new WorkflowProgress(context, WorkflowNames.SupportTriage);
        var request = $"From: {input.Customer}\nSubject: {input.Subject}\n\n{input.Message}";

        progress.Set("Classifying", WorkflowAgentNames.TriageClassifier);
        var classification = (await context.RunAgentAsync<TicketClassification>(WorkflowAgentNames.TriageClassifier, request, progress.AgentOptions())).Output;

        var specialist = Specialists.TryGetValue(classification.Category, out var name) ? name : WorkflowAgentNames.GeneralSupport;
        progress.Set("Answering", specialist);
        var answer = (await context.RunAgentAsync(specialist, request, progress.AgentOptions())).Text;

        var reasons = EscalationReasons(classification, input);
        CreatedTicket? ticket = null;
        ApprovalDecision? ticketApproval = null;
        if (reasons.Count > 0)
        {
            progress.Set("Escalating", WorkflowAgentNames.EscalationCoordinator);
            var escalation = await context.RunAgentAsync(
                WorkflowAgentNames.EscalationCoordinator,
                $"{request}\n\nPriority: {classification.Urgency}\nClassification: {classification.Category}, urgency {classification.Urgency}, confidence " +
                $"{classification.Confidence.ToString("0.00", CultureInfo.InvariantCulture)} ({classification.Reason})\n" +
                $"Escalated because: {string.Join("; ", reasons)}\n\nSpecialist notes:\n{answer}",
                progress.AgentOptions() with
                {
                    Approvers = input.Approvers,
                    ApprovalPolicy = new ApprovalPolicy(input.TicketApprovalTimeout, DefaultDecision: ApprovalTimeoutAction.Reject),
                });
            var call = escalation.ToolCalls.FirstOrDefault(c => string.Equals(c.Request.ToolName, TicketTools.ToolName, StringComparison.OrdinalIgnoreCase));
            ticketApproval = call?.Approval;
            if (call is { Result.IsError: false })
            {
                ticket = JsonSerializer.Deserialize<CreatedTicket>(call.Result.Content, StructuredOutputValidator.SerializerOptions);
            }
        }

        progress.Set("Replying", WorkflowAgentNames.CustomerCommunicator);
        var ticketLine = ticket is null ? "No ticket was opened." : $"Ticket {ticket.TicketId} was opened; a specialist will follow up.";
        var reply = (await context.RunAgentAsync(
            WorkflowAgentNames.CustomerCommunicator,
            $"Customer message:\n{request}\n\nSpecialist notes (internal):\n{answer}\n\n{ticketLine}",
            progress.AgentOptions())).Text;

        progress.Set("Completed", reasons.Count == 0 ? $"answered by {specialist}" : ticket is null ? "escalated; no ticket created" : $"escalated as {ticket.TicketId}");
        return new SupportTriageOutput(classification, specialist, answer, reasons, ticket, ticketApproval, reply, progress.Spend);
    }

    /// <summary>Why a classified request must be escalated: low confidence, high urgency, or both; empty when it need not be.</summary>
    public static IReadOnlyList<string> EscalationReasons(TicketClassification classification, SupportTriageInput input)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(input);
        var reasons = new List<string>();
        if (double.IsNaN(classification.Confidence) || classification.Confidence < input.MinimumConfidence)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"confidence {classification.Confidence:0.00} is below {input.MinimumConfidence:0.00}"));
        }

        if (classification.Urgency >= input.EscalateAtUrgency)
        {
            reasons.Add($"urgency is {classification.Urgency}");
        }

        return reasons;
    }

    private static void Validate(SupportTriageInput? input) => SupportTriageInputValidator.Instance.ThrowIfInvalid(input);
}
