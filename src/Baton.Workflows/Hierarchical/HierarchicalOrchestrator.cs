using System.Text;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.Hierarchical"/>: the lead decomposes the task into a structured <see cref="TaskPlan"/>;
/// each sub-task runs as a sub-orchestration of the catalog workflow its <see cref="SubTeamPattern"/> names, all at
/// once, with the child instance id "{this instance}:team-{n}"; then the lead synthesises their results. A failing
/// sub-team is reported in the output and the synthesis, unless <see cref="HierarchicalInput.FailOnSubTeamFailure"/>,
/// which fails the run with <see cref="SubTeamFailedException"/>.
/// </summary>
[DurableTask(WorkflowNames.Hierarchical)]
public sealed class HierarchicalOrchestrator : TaskOrchestrator<HierarchicalInput, HierarchicalOutput>
{
    /// <inheritdoc />
    public override async Task<HierarchicalOutput> RunAsync(TaskOrchestrationContext context, HierarchicalInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        HierarchicalInputValidator.Instance.ThrowIfInvalid(input);
        var progress = new WorkflowProgress(context, WorkflowNames.Hierarchical);
        var logger = context.CreateReplaySafeLogger<HierarchicalOrchestrator>();
        var options = progress.AgentOptions(input.Budget);

        progress.Set("Planning", HierarchicalAgents.LeadName);
        var planned = (await context.RunAgentAsync<TaskPlan>(HierarchicalAgents.LeadName, $"Task: {input.Task}", options)).Output;
        var plan = planned with { SubTasks = [.. (planned.SubTasks ?? []).Take(input.MaxSubTasks)] };
        if (plan.SubTasks.Count == 0)
        {
            throw new InvalidOperationException($"The lead gave no sub-tasks for \"{input.Task}\". Rephrase the task, or check the '{HierarchicalAgents.LeadName}' agent's model.");
        }

        var finished = 0;
        progress.Set("Delegating", $"0 of {plan.SubTasks.Count} sub-teams finished");
        var teams = await Task.WhenAll(plan.SubTasks.Select((task, i) => RunTeamAsync(i + 1, task)));

        if (input.FailOnSubTeamFailure && teams.FirstOrDefault(t => !t.Succeeded) is { } failed)
        {
            progress.Set("Failed", $"sub-team {failed.Index} failed");
            throw new SubTeamFailedException(failed);
        }

        progress.Set("Synthesising", HierarchicalAgents.SynthesizerName);
        var synthesis = (await context.RunAgentAsync(HierarchicalAgents.SynthesizerName, SynthesisPrompt(input.Task, plan, teams), options)).Text;
        var failures = teams.Count(t => !t.Succeeded);
        progress.Set("Completed", $"{teams.Length - failures} of {teams.Length} sub-teams succeeded");
        return new HierarchicalOutput(input.Task, plan, teams, synthesis, progress.Spend);

        async Task<SubTeamResult> RunTeamAsync(int index, SubTask task)
        {
            var workflow = WorkflowFor(task.Team);
            var childId = $"{context.InstanceId}:team-{index}";
            var options = new SubOrchestrationOptions(instanceId: childId);
            try
            {
                var (result, tokens) = task.Team switch
                {
                    SubTeamPattern.GroupChat => Read(await context.CallSubOrchestratorAsync<GroupChatOutput>(
                        workflow, new GroupChatInput(task.Instructions, input.ChatParticipants ?? [WorkflowAgentNames.Drafter, WorkflowAgentNames.Writer]) { MaxRounds = input.ChatRounds }, options)),
                    SubTeamPattern.ResearchReport => Read(await context.CallSubOrchestratorAsync<ResearchReportOutput>(
                        workflow, new ResearchReportInput(task.Instructions, input.Approvers), options)),
                    SubTeamPattern.DocumentSignoff => Read(await context.CallSubOrchestratorAsync<DocumentSignoffOutput>(
                        workflow, new DocumentSignoffInput(task.Title, task.Instructions, input.Approvers), options)),
                    _ => Read(await context.CallSubOrchestratorAsync<ParallelReviewOutput>(
                        workflow, new ParallelReviewInput(task.Title, task.Instructions) { Reviewers = input.Reviewers }, options)),
                };
                return new SubTeamResult(index, task.Title, task.Team, workflow, childId, true, result, null, tokens);
            }
            catch (TaskFailedException e)
            {
                Log.SubTeamFailed(logger, context.InstanceId, index, workflow, childId, e.FailureDetails.ErrorMessage);
                return new SubTeamResult(index, task.Title, task.Team, workflow, childId, false, null, e.FailureDetails.ErrorMessage, 0);
            }
            finally
            {
                finished++;
                progress.Set("Delegating", $"{finished} of {plan.SubTasks.Count} sub-teams finished");
            }
        }
    }

    /// <summary>The catalog workflow a sub-team of <paramref name="pattern"/> runs as.</summary>
    internal static string WorkflowFor(SubTeamPattern pattern) => pattern switch
    {
        SubTeamPattern.GroupChat => WorkflowNames.GroupChat,
        SubTeamPattern.ResearchReport => WorkflowNames.ResearchReport,
        SubTeamPattern.DocumentSignoff => WorkflowNames.DocumentSignoff,
        _ => WorkflowNames.ParallelReview,
    };

    private static (string, long) Read(GroupChatOutput output) =>
        (string.Join("\n\n", output.Transcript.Select(t => $"{t.Speaker}: {t.Message}")), output.Spend.TotalTokens);

    private static (string, long) Read(ResearchReportOutput output) =>
        ($"Outcome: {output.Outcome}\n\n{output.Markdown}", output.Spend.TotalTokens);

    private static (string, long) Read(DocumentSignoffOutput output) =>
        ($"State: {output.State}\n\n{output.Document}", output.Spend.TotalTokens);

    private static (string, long) Read(ParallelReviewOutput output) =>
        ($"Decision: {output.Review.Decision}\n{output.Review.Summary}\n" + string.Join("\n", output.Review.RequiredChanges.Select(c => "- " + c)), output.Spend.TotalTokens);

    private static string SynthesisPrompt(string task, TaskPlan plan, IReadOnlyList<SubTeamResult> teams)
    {
        var builder = new StringBuilder().Append("Task: ").AppendLine(task).AppendLine().Append("Approach: ").AppendLine(plan.Approach);
        foreach (var team in teams)
        {
            builder.AppendLine().Append("## Sub-task ").Append(team.Index).Append(": ").Append(team.Title).Append(" (").Append(team.Team).AppendLine(")");
            builder.AppendLine(team.Succeeded ? team.Result : $"This team failed and gave no result: {team.Error}");
        }

        return builder.ToString();
    }
}
