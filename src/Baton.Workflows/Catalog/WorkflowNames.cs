namespace Baton.Workflows;

/// <summary>
/// The names workflows and their activities are registered, started and recorded under. Stable: running instances and
/// history refer to them, so a rename needs a new name alongside the old one.
/// </summary>
public static class WorkflowNames
{
    /// <summary>Researcher, analyst and writer, then a human approval, then publishing.</summary>
    public const string ResearchReport = "research-report";

    /// <summary>A document reviewed in parallel by specialists, then merged by an aggregator.</summary>
    public const string ParallelReview = "parallel-review";

    /// <summary>A classifier routes a support request to a specialist, escalates when unsure or urgent, and drafts the reply.</summary>
    public const string SupportTriage = "support-triage";

    /// <summary>A drafter and a reviewer loop until the reviewer approves or the rounds run out, then a person signs off.</summary>
    public const string DocumentSignoff = "document-signoff";

    /// <summary>Agents take turns on a shared transcript until a termination phrase, a maximum of rounds or a token budget.</summary>
    public const string GroupChat = "group-chat";

    /// <summary>The research-report pipeline over what changed in a week, one run per week, started by a schedule.</summary>
    public const string WeeklyReport = "weekly-report";

    /// <summary>A lead agent splits a task into sub-tasks, sub-teams (other workflows) handle them, the lead synthesises.</summary>
    public const string Hierarchical = "hierarchical";

    /// <summary>The generic orchestration that runs any declarative (YAML) workflow, given its name and input.</summary>
    public const string Declarative = "yaml-workflow";

    /// <summary>The activity that sends a declarative workflow's webhook request to an allow-listed endpoint.</summary>
    public const string CallWebhookActivity = "CallWebhook";

    /// <summary>The activity that writes an approved report to the reports store.</summary>
    public const string PublishReportActivity = "PublishReport";
}
