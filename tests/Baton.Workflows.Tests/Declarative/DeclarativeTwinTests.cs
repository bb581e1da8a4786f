using System.Text.Json;
using Baton.Agents;
using Baton.Durable;
using Baton.Workflows.Tests.Fakes;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>Each YAML twin in workflows/ gives the same result as its C# original on the offline model.</summary>
public sealed class DeclarativeTwinTests
{
    private const string Approver = "maria@example.com";

    private static Task<WorkflowTestHost> StartAsync(Action<AgentsBuilder>? agents = null) =>
        WorkflowTestHost.StartAsync(a =>
        {
            a.Services.AddDeclarativeWorkflows(DeclarativeFiles.RepositoryFolder);
            agents?.Invoke(a);
        });

    private static Task<string> StartYamlAsync(WorkflowTestHost test, string workflow, object input) =>
        test.Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.Declarative,
            new DeclarativeWorkflowInput(workflow, JsonSerializer.SerializeToElement(input, StructuredOutputValidator.SerializerOptions)));

    private static async Task<JsonElement> YamlOutputAsync(WorkflowTestHost test, string id)
    {
        var done = await test.CompletionAsync(id);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage ?? done.SerializedOutput);
        return done.ReadOutputAs<DeclarativeWorkflowOutput>()!.Output;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StructuredOutputValidator.SerializerOptions);

    private async Task<T> ApproveAsync<T>(WorkflowTestHost test, string id, int notification)
    {
        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested, notification);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, Approver, "Fine.", test.Time.GetUtcNow().UtcDateTime));
        var done = await test.CompletionAsync(id);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ErrorMessage);
        return done.ReadOutputAs<T>()!;
    }

    [Fact]
    public async Task ResearchReportTwin_Approved_PublishesTheSameReportAsTheCSharpWorkflow()
    {
        await using var test = await StartAsync();
        const string topic = "Competitor pricing changes in Q3";

        var csharpId = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, new ResearchReportInput(topic, [Approver]));
        var csharp = await ApproveAsync<ResearchReportOutput>(test, csharpId, 1);
        var yamlId = await StartYamlAsync(test, "research-report-yaml", new { topic, approvers = new[] { Approver } });
        var yamlRequest = await test.NotificationAsync(ApprovalNotificationKind.Requested, 2);
        await test.Client.RaiseEventAsync(yamlId, yamlRequest.Request.EventName, new ApprovalDecision(true, Approver, "Fine.", test.Time.GetUtcNow().UtcDateTime));
        var yaml = await YamlOutputAsync(test, yamlId);

        Assert.Equal(ReportOutcome.Published, csharp.Outcome);
        Assert.True(yaml.GetProperty("published").GetBoolean());
        Assert.Equal(csharp.Markdown, yaml.GetProperty("markdown").GetString());
        Assert.Equal(Json(csharp.Findings), yaml.GetProperty("findings").GetRawText());
        Assert.Equal("report", yamlRequest.Request.Kind);
        Assert.Equal(test.Notifier.Notifications[0].Request.Title, yamlRequest.Request.Title);
        Assert.Equal(test.Notifier.Notifications[0].Request.Details, yamlRequest.Request.Details);
        var location = yaml.GetProperty("location").GetString()!;
        Assert.StartsWith("reports/2026/01/05/competitor-pricing-changes-in-q3-", location, StringComparison.Ordinal);
        Assert.Equal(csharp.Markdown, await test.Reports.Documents.ReadAsync(location["reports/".Length..]));
    }

    [Fact]
    public async Task ResearchReportTwin_RejectedWithComments_RevisesOnceLikeTheCSharpWorkflow()
    {
        await using var test = await StartAsync();
        const string topic = "Competitor pricing changes in Q3";
        var yamlId = await StartYamlAsync(test, "research-report-yaml", new { topic, approvers = new[] { Approver } });

        var first = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(yamlId, first.Request.EventName, new ApprovalDecision(false, Approver, "Add a section on annual discounts.", test.Time.GetUtcNow().UtcDateTime));
        var second = await test.NotificationAsync(ApprovalNotificationKind.Requested, 2);
        await test.Client.RaiseEventAsync(yamlId, second.Request.EventName, new ApprovalDecision(false, Approver, "Still not enough.", test.Time.GetUtcNow().UtcDateTime));
        var yaml = await YamlOutputAsync(test, yamlId);

        Assert.False(yaml.GetProperty("published").GetBoolean());
        Assert.Equal(2, yaml.GetProperty("revisions").GetInt32());
        Assert.Equal(JsonValueKind.Null, yaml.GetProperty("location").ValueKind);
        Assert.Empty(await test.Reports.Documents.ListAsync());
    }

    [Fact]
    public async Task ParallelReviewTwin_DefaultReviewers_GivesTheSameMergedReviewAsTheCSharpWorkflow()
    {
        await using var test = await StartAsync();
        const string title = "MSA with Northwind";
        const string document = "Master services agreement. The supplier will host customer data in the EU. Fees are 12,000 EUR per year, " +
            "payable in advance. Liability is unlimited for both parties.";

        var csharpId = await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, new ParallelReviewInput(title, document));
        var csharp = (await test.CompletionAsync(csharpId)).ReadOutputAs<ParallelReviewOutput>()!;
        var yaml = await YamlOutputAsync(test, await StartYamlAsync(test, "parallel-review-yaml", new { title, document }));

        Assert.Equal(Json(csharp.Review), yaml.GetProperty("review").GetRawText());
        Assert.Equal(Json(csharp.Verdicts), yaml.GetProperty("verdicts").GetRawText());
        Assert.Equal(0, yaml.GetProperty("failed").GetArrayLength());
        Assert.Contains(OfflineChatClient.Marker, csharp.Review.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportTriageTwin_ConfidentBillingRequest_RoutesAndRepliesLikeTheCSharpWorkflow()
    {
        var classification = Json(new TicketClassification(SupportCategory.Billing, TicketUrgency.Normal, 0.93, "Scripted."));
        await using var test = await StartAsync(a => a.UseChatClient(WorkflowAgents.TriageClassifier.Model, _ => new FixedChatClient(classification)));
        var input = new SupportTriageInput("Dana Park <dana@contoso.example>", "Invoice charged twice", "Our March invoice was charged twice. Please refund the duplicate.", ["lead@example.com"]);

        var csharp = (await test.CompletionAsync(await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.SupportTriage, input))).ReadOutputAs<SupportTriageOutput>()!;
        var yaml = await YamlOutputAsync(test, await StartYamlAsync(test, "support-triage-yaml", input));

        Assert.Equal(Json(csharp.Classification), yaml.GetProperty("classification").GetRawText());
        Assert.Equal(csharp.Specialist, yaml.GetProperty("specialist").GetString());
        Assert.Equal(csharp.SpecialistAnswer, yaml.GetProperty("specialistAnswer").GetString());
        Assert.Equal(csharp.Reply, yaml.GetProperty("reply").GetString());
        Assert.False(csharp.Escalated);
        Assert.False(yaml.GetProperty("escalated").GetBoolean());
    }

    [Fact]
    public async Task SupportTriageTwin_CriticalRequest_EscalatesThroughTheApprovalGatedToolLikeTheCSharpWorkflow()
    {
        var classification = Json(new TicketClassification(SupportCategory.Technical, TicketUrgency.Critical, 0.9, "Scripted."));
        await using var test = await StartAsync(a => a.UseChatClient(WorkflowAgents.TriageClassifier.Model, _ => new FixedChatClient(classification)));
        var input = new SupportTriageInput("Dana Park <dana@contoso.example>", "Everything is down", "Our whole team cannot sign in since 9:00.", ["lead@example.com"]);
        var id = await StartYamlAsync(test, "support-triage-yaml", input);

        var requested = await test.NotificationAsync(ApprovalNotificationKind.Requested);
        await test.Client.RaiseEventAsync(id, requested.Request.EventName, new ApprovalDecision(true, "lead@example.com", null, test.Time.GetUtcNow().UtcDateTime));
        var yaml = await YamlOutputAsync(test, id);

        Assert.Equal(TicketTools.ToolName, requested.Request.ToolName);
        Assert.Equal(WorkflowAgentNames.TechnicalSpecialist, yaml.GetProperty("specialist").GetString());
        Assert.Equal(WorkflowAgentNames.EscalationCoordinator, yaml.GetProperty("escalated").GetString());
        Assert.StartsWith("TKT-", yaml.GetProperty("ticketId").GetString(), StringComparison.Ordinal);
        Assert.Contains(OfflineChatClient.Marker, yaml.GetProperty("reply").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentSignoffTwin_ReviewerApprovesAndPersonSignsOff_GivesTheSameDocumentAsTheCSharpWorkflow()
    {
        await using var test = await StartAsync();
        var input = new DocumentSignoffInput(
            "Data processing agreement with Northwind",
            "Northwind processes customer support tickets for us. Data stays in the EU. Sub-processors need our written consent.",
            [Approver]);

        var csharp = await ApproveAsync<DocumentSignoffOutput>(test, await test.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.DocumentSignoff, input), 1);
        var yamlId = await StartYamlAsync(test, "document-signoff-yaml", input);
        var yamlRequest = await test.NotificationAsync(ApprovalNotificationKind.Requested, 2);
        await test.Client.RaiseEventAsync(yamlId, yamlRequest.Request.EventName, new ApprovalDecision(true, Approver, "Signed.", test.Time.GetUtcNow().UtcDateTime));
        var yaml = await YamlOutputAsync(test, yamlId);

        Assert.Equal(SignoffState.Approved, csharp.State);
        Assert.Equal(csharp.Document, yaml.GetProperty("document").GetString());
        Assert.Equal(csharp.Rounds.Count, yaml.GetProperty("rounds").GetInt32());
        Assert.Equal(csharp.Rounds[^1].Review.Verdict.ToString(), yaml.GetProperty("lastVerdict").GetString());
        Assert.True(yaml.GetProperty("signedOff").GetBoolean());
        Assert.Equal("signoff", yamlRequest.Request.Kind);
    }
}
