using Baton.Http;
using Baton.Scheduling;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Baton.Functions.Functions;

/// <summary>
/// Starting runs: <c>POST /api/workflows/{name}</c> (validated by Baton.Http exactly as the local host does, answered
/// with Durable Functions' check-status response) and the weekly-report timer, one instance per occurrence with the
/// id rule of Baton.Scheduling.
/// </summary>
public sealed class WorkflowStarts(WorkflowCatalog catalog, RegisteredTaskRunner runner)
{
    /// <summary>The weekly report's schedule; the same definition the local host ships in appsettings.json.</summary>
    private static readonly Schedule WeeklyReportSchedule = new ScheduleCatalog(
    [
        new ScheduleDefinition
        {
            Name = WorkflowNames.WeeklyReport,
            Cron = "0 0 8 * * Mon",
            Workflow = WorkflowNames.WeeklyReport,
            Input = System.Text.Json.JsonDocument.Parse("""{ "weekStart": "{occurrence-7d:yyyy-MM-dd}", "approvers": [ "reports@example.com" ] }""").RootElement.Clone(),
        },
    ]).Schedules[0];

    [Function("StartWorkflow")]
    public async Task<HttpResponseData> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workflows/{name}")] HttpRequestData request,
        string name,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var instanceId = System.Web.HttpUtility.ParseQueryString(request.Url.Query)["instanceId"];
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.CancellationToken);
        if (WorkflowStartApi.Prepare(catalog, name, instanceId, body, out var workflow, out var input) is { } problem)
        {
            return await HttpReplies.WriteAsync(request, problem);
        }

        if (instanceId is not null && await client.GetInstanceAsync(instanceId, context.CancellationToken) is { IsRunning: true } running)
        {
            return await HttpReplies.WriteAsync(request, WorkflowStartApi.AlreadyRunning(instanceId, running.RuntimeStatus.ToString()));
        }

        var start = workflow!.Start(input);
        var id = await client.ScheduleNewOrchestrationInstanceAsync(start.Orchestrator, runner.ToElement(start.Input), new StartOrchestrationOptions(instanceId), context.CancellationToken);
        return await client.CreateCheckStatusResponseAsync(request, id, context.CancellationToken);
    }

    [Function("WeeklyReportSchedule")]
    public async Task WeeklyReport([TimerTrigger("0 0 8 * * Mon")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var now = DateTimeOffset.UtcNow;
        if (WeeklyReportSchedule.LatestBetween(now.AddDays(-8), now).Latest is not { } occurrence)
        {
            return;
        }

        // One instance per occurrence: a retried or doubled trigger finds the instance and starts nothing.
        var instanceId = WeeklyReportSchedule.InstanceIdFor(occurrence);
        if (await client.GetInstanceAsync(instanceId, context.CancellationToken) is not null)
        {
            return;
        }

        var input = ScheduleInput.For(WeeklyReportSchedule.Definition, new ScheduleOccurrence(WeeklyReportSchedule.Name, occurrence, occurrence, timer.IsPastDue));
        var start = catalog.Get(WeeklyReportSchedule.Definition.Workflow).Start(input);
        await client.ScheduleNewOrchestrationInstanceAsync(start.Orchestrator, runner.ToElement(start.Input), new StartOrchestrationOptions(instanceId), context.CancellationToken);
    }
}
