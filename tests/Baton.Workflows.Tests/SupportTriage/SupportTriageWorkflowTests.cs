using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows.Tests.SupportTriage;

/// <summary>support-triage end to end on the in-memory engine: a fixed classifier answer, the offline model for the rest.</summary>
public sealed class SupportTriageWorkflowTests
{
    private const string Approver = "support-lead@example.com";

    private static readonly SupportTriageInput Input = new(
        "Dana Park <dana@contoso.example>",
        "Invoice charged twice",
        "Hello, our March invoice was charged twice to our card. Please refund the duplicate payment.",
        [Approver]);

    private static Task<WorkflowTestHost> StartAsync(SupportCategory category, TicketUrgency urgency, double confidence)
    {
        var classification = JsonSerializer.Serialize(new TicketClassification(category, urgency, confidence, "Scripted."), StructuredOutputValidator.SerializerOptions);
        return WorkflowTestHost.StartAsync(agents => agents.UseChatClient(WorkflowAgents.TriageClassifier.Model, _ => new FixedChatClient(classification)));
    }

    [Fact]
    public async Task Run_ConfidentAndNotUrgent_RoutesToTheSpecialistAndRepliesWithoutEscalating()
    {
        await using var test = await StartAsync(SupportCategory.Billing, TicketUrgency.Normal, 0.93);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, Input);

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = done.ReadOutputAs<SupportTriageOutput>()!;
        Assert.Equal(WorkflowAgentNames.BillingSpecialist, output.Specialist);
        Assert.False(output.Escalated);
        Assert.Null(output.Ticket);
        Assert.Contains(OfflineChatClient.Marker, output.Reply, StringComparison.Ordinal);
        Assert.False(output.Spend.Agents.ContainsKey(WorkflowAgentNames.EscalationCoordinator));
        Assert.Empty(test.Notifier.Notifications);
    }

    [Theory]
    [InlineData("Locked out", "Our admin account is locked and the account owner cannot sign in.", WorkflowAgentNames.AccountSpecialist)]
    [InlineData("Invoice charged twice", "The billing on our March invoice is wrong: billing charged us twice.", WorkflowAgentNames.BillingSpecialist)]
    public async Task Run_OfflineClassifier_RoutesByWhatTheTicketSays(string subject, string message, string specialist)
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, Input with { Subject = subject, Message = message });

        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(specialist, done.ReadOutputAs<SupportTriageOutput>()!.Specialist);
    }

    [Fact]
    public async Task Run_OfflineUrgentOutage_EscalatesAsCriticalTechnicalWithAValidConfidence()
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var outage = Input with
        {
            Subject = "Checkout down, urgent",
            Message = "Since 09:10 our checkout returns 500 errors for every customer. This is urgent: we are losing money every minute.",
        };
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, outage);

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        Assert.Equal(TicketTools.ToolName, requested.Request.ToolName);
        using (var arguments = JsonDocument.Parse(requested.Request.ArgumentsJson!))
        {
            Assert.Equal("Critical", arguments.RootElement.GetProperty("priority").GetString());
            Assert.Equal(outage.Subject, arguments.RootElement.GetProperty("title").GetString());
        }

        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, null, test.Time.GetUtcNow().UtcDateTime));
        var output = (await test.CompletionAsync(id)).ReadOutputAs<SupportTriageOutput>()!;

        Assert.Equal(SupportCategory.Technical, output.Classification.Category);
        Assert.Equal(TicketUrgency.Critical, output.Classification.Urgency);
        Assert.InRange(output.Classification.Confidence, 0.7, 1.0);
        Assert.Contains("'checkout'", output.Classification.Reason, StringComparison.Ordinal);
        Assert.Equal(WorkflowAgentNames.TechnicalSpecialist, output.Specialist);
        Assert.Contains("sources/support/kb-checkout-errors.md", output.SpecialistAnswer, StringComparison.Ordinal);
        Assert.Equal(["urgency is Critical"], output.EscalationReasons);
        Assert.StartsWith("TKT-", output.Ticket!.TicketId, StringComparison.Ordinal);
        Assert.Contains(output.Ticket.TicketId, output.Reply, StringComparison.Ordinal);
        Assert.Contains("Hello Dana", output.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Non-profit plan", "Just a question: do you offer a cheaper plan for non-profits?", SupportCategory.Billing, TicketUrgency.Low)]
    [InlineData("Thanks", "Some feedback: the new dashboard looks great.", SupportCategory.General, TicketUrgency.Low)]
    public async Task Run_OfflineOrdinaryRequest_IsAnsweredWithoutEscalation(string subject, string message, SupportCategory category, TicketUrgency urgency)
    {
        await using var test = await WorkflowTestHost.StartAsync();
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, Input with { Subject = subject, Message = message });

        var output = (await test.CompletionAsync(id)).ReadOutputAs<SupportTriageOutput>()!;

        Assert.Equal((category, urgency), (output.Classification.Category, output.Classification.Urgency));
        Assert.InRange(output.Classification.Confidence, 0.0, 1.0);
        Assert.False(output.Escalated, string.Join("; ", output.EscalationReasons));
    }

    [Fact]
    public async Task Run_CriticalAndApproved_CreatesTheTicketThroughTheGatedTool()
    {
        await using var test = await StartAsync(SupportCategory.Technical, TicketUrgency.Critical, 0.9);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, Input);

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        Assert.Equal(TicketTools.ToolName, requested.Request.ToolName);
        Assert.Equal([Approver], requested.Recipients);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, null, test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<SupportTriageOutput>()!;
        Assert.Equal(WorkflowAgentNames.TechnicalSpecialist, output.Specialist);
        Assert.Equal(["urgency is Critical"], output.EscalationReasons);
        Assert.True(output.TicketApproval!.Approved);
        Assert.StartsWith("TKT-", output.Ticket!.TicketId, StringComparison.Ordinal);
        var tickets = test.Host.Services.GetRequiredService<TicketStore>();
        var stored = await tickets.Documents.ReadAsync(output.Ticket.Location["tickets/".Length..]);
        Assert.Contains(output.Ticket.TicketId, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LowConfidenceAndTicketRejected_EscalatesWithoutATicketAndStillReplies()
    {
        await using var test = await StartAsync(SupportCategory.Account, TicketUrgency.Low, 0.4);
        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, Input);

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(false, Approver, "Billing handles this; no ticket.", test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);

        var output = done.ReadOutputAs<SupportTriageOutput>()!;
        Assert.Equal(WorkflowAgentNames.AccountSpecialist, output.Specialist);
        Assert.Equal(["confidence 0.40 is below 0.70"], output.EscalationReasons);
        Assert.False(output.TicketApproval!.Approved);
        Assert.Null(output.Ticket);
        Assert.Empty(await test.Host.Services.GetRequiredService<TicketStore>().Documents.ListAsync());
        Assert.False(string.IsNullOrWhiteSpace(output.Reply));
    }

    [Theory]
    [InlineData(TicketUrgency.Normal, 0.7, 0)]
    [InlineData(TicketUrgency.Normal, 0.69, 1)]
    [InlineData(TicketUrgency.High, 0.95, 1)]
    [InlineData(TicketUrgency.Critical, 0.2, 2)]
    public void EscalationReasons_Classification_CountsEachReason(TicketUrgency urgency, double confidence, int reasons)
    {
        var classification = new TicketClassification(SupportCategory.General, urgency, confidence, "r");

        Assert.Equal(reasons, SupportTriageOrchestrator.EscalationReasons(classification, Input).Count);
    }
}
