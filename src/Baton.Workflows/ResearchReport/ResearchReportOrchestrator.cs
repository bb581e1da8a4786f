using System.Text.Json;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.ResearchReport"/>: researcher → analyst (structured findings) → writer (markdown) → human
/// approval (timeout, one reminder, then the input's default) → publisher. A rejection with comments sends the draft
/// back to the writer, up to <see cref="ResearchReportInput.MaxRevisions"/> times; a rejection without comments, or
/// after the revisions, ends the run unpublished. Progress and spend are in custom status as a <see cref="WorkflowStatus"/>.
/// </summary>
[DurableTask(WorkflowNames.ResearchReport)]
public sealed class ResearchReportOrchestrator : TaskOrchestrator<ResearchReportInput, ResearchReportOutput>
{
    /// <summary>What the run does after an approval decision.</summary>
    internal enum NextStep
    {
        Publish,
        Revise,
        Reject,
        TimedOut,
    }

    /// <inheritdoc />
    public override async Task<ResearchReportOutput> RunAsync(TaskOrchestrationContext context, ResearchReportInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        Validate(input);
        var logger = context.CreateReplaySafeLogger<ResearchReportOrchestrator>();
        var progress = new WorkflowProgress(context, WorkflowNames.ResearchReport);
        var agentOptions = progress.AgentOptions(input.Budget);

        progress.Set("Researching", WorkflowAgentNames.Researcher);
        var research = await context.RunAgentAsync(WorkflowAgentNames.Researcher, ResearchPrompt(input), agentOptions);

        progress.Set("Analyzing", WorkflowAgentNames.Analyst);
        var analysis = await context.RunAgentAsync<ResearchFindings>(
            WorkflowAgentNames.Analyst,
            $"Turn the research notes below into findings.\nTopic: {input.Topic}\n\nResearch notes:\n{research.Text}",
            agentOptions);
        var findings = analysis.Output;

        progress.Set("Writing", WorkflowAgentNames.Writer);
        var draft = (await context.RunAgentAsync(WorkflowAgentNames.Writer, WritePrompt(input.Topic, findings), agentOptions)).Text;

        var policy = ApprovalPolicyFor(input);
        var decisions = new List<ApprovalDecision>();
        while (true)
        {
            var request = context.NewApprovalRequest($"Publish the report \"{input.Topic}\"", input.Approvers, policy) with
            {
                Kind = "report",
                Details = Preview(draft),
                // The approver may edit the draft on the approval page when the page shows all of it.
                AllowEdits = draft.Length <= PreviewLength,
            };
            progress.Set("AwaitingApproval", $"waiting for {string.Join(", ", input.Approvers)}", request.EventName);
            var decision = await context.RequestApprovalAsync(request, policy);
            decisions.Add(decision);
            Log.ApprovalDecided(logger, context.InstanceId, decision.Approver, decision.Approved, decision.IsDefault);

            switch (Decide(decision, progress.Current.Revisions, input.MaxRevisions))
            {
                case NextStep.Revise:
                    progress.Set("Revising", WorkflowAgentNames.Writer);
                    draft = (await context.RunAgentAsync(WorkflowAgentNames.Writer, RevisePrompt(input.Topic, findings, draft, decision), agentOptions)).Text;
                    progress.Revised();
                    continue;

                case NextStep.Publish:
                    draft = decision.EditedText ?? draft;
                    progress.Set("Publishing", WorkflowNames.PublishReportActivity);
                    var published = await context.CallActivityAsync<PublishedReport>(
                        WorkflowNames.PublishReportActivity,
                        new PublishReportRequest(context.InstanceId, input.Topic, draft, decision.Approver, decision.DecidedAt, input.RequestedBy));
                    progress.Set("Completed", "published to " + published.Location);
                    return Output(ReportOutcome.Published, published.Location);

                case NextStep.TimedOut:
                    progress.Set("Completed", "no decision before the deadline; not published");
                    return Output(ReportOutcome.TimedOut, null);

                default:
                    progress.Set("Completed", $"rejected by {decision.Approver}; not published");
                    return Output(ReportOutcome.Rejected, null);
            }
        }

        ResearchReportOutput Output(ReportOutcome outcome, string? location) =>
            new(input.Topic, outcome, location, draft, findings, decisions, progress.Current.Revisions, progress.Spend);
    }

    /// <summary>
    /// The decision rule: approve (a person, or the default) publishes; a person's rejection with a comment is revised
    /// while revisions remain; any other rejection ends the run (timed out when it was the default).
    /// </summary>
    internal static NextStep Decide(ApprovalDecision decision, int revisionsSoFar, int maxRevisions)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Approved)
        {
            return NextStep.Publish;
        }

        if (decision.IsDefault)
        {
            return NextStep.TimedOut;
        }

        return !string.IsNullOrWhiteSpace(decision.Comment) && revisionsSoFar < maxRevisions ? NextStep.Revise : NextStep.Reject;
    }

    /// <summary>The approval policy of a run: the input's timeout, one reminder, then the input's default.</summary>
    internal static ApprovalPolicy ApprovalPolicyFor(ResearchReportInput input) =>
        new(input.ApprovalTimeout, input.ReminderAfter ?? input.ApprovalTimeout / 2, MaxReminders: 1, DefaultDecision: input.OnApprovalTimeout);

    private static void Validate(ResearchReportInput? input) => ResearchReportInputValidator.Instance.ThrowIfInvalid(input);

    private static string ResearchPrompt(ResearchReportInput input) =>
        input.SourcePrefix is null
            ? $"Research this topic in the source documents.\nTopic: {input.Topic}"
            : $"Research this topic in the source documents under '{input.SourcePrefix}'.\nTopic: {input.Topic}";

    private static string WritePrompt(string topic, ResearchFindings findings) =>
        $"Write the report from the findings below.\nTopic: {topic}\n\nFindings (JSON):\n{JsonSerializer.Serialize(findings, StructuredOutputValidator.SerializerOptions)}";

    private static string RevisePrompt(string topic, ResearchFindings findings, string draft, ApprovalDecision decision) =>
        $"Revise the report to address the comments below.\nTopic: {topic}\n\nComments from {decision.Approver}:\n{decision.Comment}\n\n" +
        $"Previous draft:\n{draft}\n\nFindings (JSON):\n{JsonSerializer.Serialize(findings, StructuredOutputValidator.SerializerOptions)}";

    private const int PreviewLength = 4000;

    private static string Preview(string draft) => draft.Length <= PreviewLength ? draft : draft[..PreviewLength] + "\n…";
}
