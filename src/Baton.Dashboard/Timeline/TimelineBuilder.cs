using System.Globalization;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Dashboard;

/// <summary>
/// Turns a run's history into timeline steps: each scheduled task, timer and sub-workflow is paired with the event that
/// ends it through its task id; agent calls carry the tokens their recorded reply reports; a call scheduled again with
/// the same name and input after failures is numbered as a retry; an approval is the wait from its notification to the
/// event that answers it. Pure: the same history gives the same timeline.
/// </summary>
internal static class TimelineBuilder
{
    public static RunTimeline Build(IReadOnlyList<HistoryEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = new List<TimelineStep>();
        var tasks = new Dictionary<int, TimelineStep>();
        var timers = new Dictionary<int, TimelineStep>();
        var children = new Dictionary<int, TimelineStep>();
        var approvals = new Dictionary<string, TimelineStep>(StringComparer.OrdinalIgnoreCase);
        var start = history.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)?.Timestamp
            ?? (history.Count > 0 ? history[0].Timestamp : DateTime.UnixEpoch);
        DateTime? end = null;

        foreach (var e in history)
        {
            switch (e.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    var step = Scheduled(e);
                    step.Attempt = 1 + steps.Count(s => s.TaskId is not null && s.Status == TimelineStepStatus.Failed
                        && string.Equals(s.ActivityName, step.ActivityName, StringComparison.Ordinal)
                        && string.Equals(s.Input, step.Input, StringComparison.Ordinal));
                    tasks[e.EventId] = step;
                    steps.Add(step);
                    break;

                case HistoryEventType.TaskCompleted when e.TaskScheduledId is { } id && tasks.TryGetValue(id, out var task):
                    task.End = e.Timestamp;
                    task.Status = TimelineStepStatus.Completed;
                    Completed(task, e.Result);
                    if (task.Kind == TimelineStepKind.Notification && ApprovalWait(task, e.Timestamp) is { } wait && !approvals.ContainsKey(wait.EventName!))
                    {
                        approvals[wait.EventName!] = wait;
                        steps.Add(wait);
                    }

                    break;

                case HistoryEventType.TaskFailed when e.TaskScheduledId is { } id && tasks.TryGetValue(id, out var failedTask):
                    failedTask.End = e.Timestamp;
                    failedTask.Status = TimelineStepStatus.Failed;
                    failedTask.Failure = Describe(e.FailureDetails);
                    break;

                case HistoryEventType.TimerCreated:
                    var timer = Timer(e, approvals.Values.LastOrDefault(a => a.End is null));
                    timers[e.EventId] = timer;
                    steps.Add(timer);
                    break;

                case HistoryEventType.TimerFired when e.TaskScheduledId is { } id && timers.TryGetValue(id, out var fired) && fired.Status != TimelineStepStatus.Cancelled:
                    fired.End = e.FireAt is { } at && at >= fired.Start ? at : e.Timestamp;
                    fired.Status = TimelineStepStatus.Completed;
                    break;

                case HistoryEventType.SubOrchestrationInstanceCreated:
                    var child = new TimelineStep(TimelineStepKind.SubWorkflow, e.Name ?? "sub-workflow", e.Timestamp)
                    {
                        TaskId = e.EventId,
                        ActivityName = e.Name,
                        Input = e.Input,
                        ChildInstanceId = e.InstanceId,
                        Detail = e.InstanceId,
                    };
                    children[e.EventId] = child;
                    steps.Add(child);
                    break;

                case HistoryEventType.SubOrchestrationInstanceCompleted when e.TaskScheduledId is { } id && children.TryGetValue(id, out var done):
                    done.End = e.Timestamp;
                    done.Status = TimelineStepStatus.Completed;
                    break;

                case HistoryEventType.SubOrchestrationInstanceFailed when e.TaskScheduledId is { } id && children.TryGetValue(id, out var failedChild):
                    failedChild.End = e.Timestamp;
                    failedChild.Status = TimelineStepStatus.Failed;
                    failedChild.Failure = Describe(e.FailureDetails);
                    break;

                case HistoryEventType.EventRaised when e.Name is not null && approvals.TryGetValue(e.Name, out var approval) && approval.End is null:
                    var decision = JsonPayload.Parse(e.Input);
                    approval.End = e.Timestamp;
                    approval.Status = decision.Bool("approved") switch
                    {
                        true => TimelineStepStatus.Approved,
                        false => TimelineStepStatus.Rejected,
                        null => TimelineStepStatus.Completed,
                    };
                    approval.Detail = Join(approval.Detail, decision.String("approver") is { } approver ? "by " + approver : null, decision.String("comment"));

                    // The reminder or deadline timer the answer came before is not needed any more.
                    foreach (var waiting in timers.Values.Where(t => t.End is null && string.Equals(t.EventName, approval.EventName, StringComparison.OrdinalIgnoreCase)))
                    {
                        waiting.End = e.Timestamp;
                        waiting.Status = TimelineStepStatus.Cancelled;
                        waiting.Detail = Join(waiting.Detail, "not needed: answered first");
                    }

                    break;

                case HistoryEventType.EventRaised:
                    steps.Add(Point(TimelineStepKind.Event, "event " + (e.Name ?? "(unnamed)"), e.Timestamp));
                    break;

                case HistoryEventType.EventSent:
                    steps.Add(Point(TimelineStepKind.Event, "sent " + (e.Name ?? "event") + (e.InstanceId is null ? string.Empty : " to " + e.InstanceId), e.Timestamp));
                    break;

                case HistoryEventType.ExecutionSuspended:
                    steps.Add(Point(TimelineStepKind.Lifecycle, "suspended", e.Timestamp, e.Reason));
                    break;

                case HistoryEventType.ExecutionResumed:
                    steps.Add(Point(TimelineStepKind.Lifecycle, "resumed", e.Timestamp, e.Reason));
                    break;

                case HistoryEventType.ExecutionTerminated:
                    steps.Add(Point(TimelineStepKind.Lifecycle, "terminated", e.Timestamp, e.Reason));
                    end ??= e.Timestamp;
                    break;

                case HistoryEventType.ExecutionCompleted:
                    end = e.Timestamp;
                    break;
            }
        }

        if (end is { } finished)
        {
            foreach (var open in steps.Where(s => s.End is null && !s.IsPoint))
            {
                open.End = finished < open.Start ? open.Start : finished;
                open.Status = open.Kind == TimelineStepKind.Approval ? TimelineStepStatus.NoDecision : TimelineStepStatus.Cancelled;
            }
        }

        return new RunTimeline(start, end, [.. steps.OrderBy(s => s.Start)]);
    }

    private static TimelineStep Scheduled(HistoryEvent e)
    {
        var input = JsonPayload.Parse(e.Input);
        return e.Name switch
        {
            AgentActivityNames.InvokeAgent => new TimelineStep(TimelineStepKind.Agent, "agent " + (input.String("agentName") ?? "?"), e.Timestamp)
            {
                TaskId = e.EventId,
                ActivityName = e.Name,
                Input = e.Input,
                Detail = input.Int("turn") is { } turn ? "turn " + turn.ToString(CultureInfo.InvariantCulture) : null,
            },
            AgentActivityNames.InvokeTool => new TimelineStep(TimelineStepKind.Tool, "tool " + (input.String("toolName") ?? "?"), e.Timestamp)
            {
                TaskId = e.EventId,
                ActivityName = e.Name,
                Input = e.Input,
                Detail = input.String("agentName") is { } agent ? "for " + agent : null,
            },
            AgentActivityNames.NotifyApprovers => new TimelineStep(TimelineStepKind.Notification, "notify " + (input.String("kind") ?? "approvers").ToLowerInvariant(), e.Timestamp)
            {
                TaskId = e.EventId,
                ActivityName = e.Name,
                Input = e.Input,
                Detail = input.Strings("recipients") is { Count: > 0 } to ? "to " + string.Join(", ", to) : null,
            },
            _ => new TimelineStep(TimelineStepKind.Activity, e.Name ?? "activity", e.Timestamp)
            {
                TaskId = e.EventId,
                ActivityName = e.Name,
                Input = e.Input,
            },
        };
    }

    private static void Completed(TimelineStep step, string? result)
    {
        if (step.Kind == TimelineStepKind.Agent)
        {
            var reply = JsonPayload.Parse(result);
            var usage = reply.Property("usage");
            step.InputTokens = usage.Long("inputTokens");
            step.OutputTokens = usage.Long("outputTokens");
            step.EstimatedCost = usage.Decimal("estimatedCost");
            step.Model = reply.String("model");
            step.CallKey = reply.String("callKey");
            if (step.Input is null && reply.String("agentName") is { } agentName)
            {
                // Durable Functions keeps no activity inputs: the reply names its agent.
                step.Name = "agent " + agentName;
            }

            var toolCalls = reply.Property("toolCalls") is { ValueKind: System.Text.Json.JsonValueKind.Array } calls ? calls.GetArrayLength() : 0;
            step.Detail = Join(step.Detail, toolCalls > 0 ? toolCalls.ToString(CultureInfo.InvariantCulture) + " tool call(s)" : null, reply.String("finishReason"));
        }
        else if (step.Kind == TimelineStepKind.Tool)
        {
            // A tool that refused its input returned an error to the model: the call did not do its work.
            var outcome = JsonPayload.Parse(result);
            step.CallKey = outcome.String("callKey");
            if (step.Input is null && outcome.String("toolName") is { } toolName)
            {
                step.Name = "tool " + toolName;
            }

            if (outcome.Bool("rejected") == true)
            {
                step.Status = TimelineStepStatus.Rejected;
                step.Detail = Join(step.Detail, "rejected");
            }
            else if (outcome.Bool("isError") == true)
            {
                step.Status = TimelineStepStatus.Failed;
                step.Failure = outcome.String("content");
                step.Detail = Join(step.Detail, "returned an error");
            }
        }
    }

    private static TimelineStep? ApprovalWait(TimelineStep notification, DateTime notifiedAt)
    {
        var input = JsonPayload.Parse(notification.Input);
        var request = input.Property("request");
        if (!string.Equals(input.String("kind"), nameof(ApprovalNotificationKind.Requested), StringComparison.OrdinalIgnoreCase)
            || request.String("eventName") is not { Length: > 0 } eventName)
        {
            return null;
        }

        var expiresAt = request.Time("expiresAt");
        return new TimelineStep(TimelineStepKind.Approval, "approval " + (request.String("title") ?? eventName), notifiedAt)
        {
            EventName = eventName,
            ExpiresAt = expiresAt,
            Detail = expiresAt is { } expires ? "deadline " + expires.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : null,
        };
    }

    /// <summary>
    /// A timer, named for what it waits for: while an approval is awaited, a timer due at the approval's deadline is that
    /// deadline (the default decision applies when it fires); one due earlier is the next reminder.
    /// </summary>
    private static TimelineStep Timer(HistoryEvent e, TimelineStep? approval)
    {
        var due = e.FireAt is { } fireAt ? fireAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : null;
        if (approval is null)
        {
            return new TimelineStep(TimelineStepKind.Timer, "timer", e.Timestamp) { TaskId = e.EventId, Detail = due is null ? null : "until " + due };
        }

        var deadline = approval.ExpiresAt is { } expires && e.FireAt is { } at && Math.Abs((at - expires).TotalSeconds) < 1;
        return new TimelineStep(TimelineStepKind.Timer, deadline ? "approval deadline" : "approval reminder", e.Timestamp)
        {
            TaskId = e.EventId,
            EventName = approval.EventName,
            Detail = due is null ? null : (deadline ? "default decision at " : "reminder at ") + due,
        };
    }

    private static TimelineStep Point(TimelineStepKind kind, string name, DateTime at, string? detail = null) =>
        new(kind, name, at) { End = at, Status = TimelineStepStatus.Completed, IsPoint = true, Detail = detail };

    private static string? Describe(TaskFailureDetails? failure) =>
        failure is null ? null : failure.ErrorType + ": " + failure.ErrorMessage;

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }
}
