namespace Baton.Workflows;

/// <summary>The kinds of step a declarative workflow can have, as written in a file's <c>kind</c> field.</summary>
internal enum StepKind
{
    Agent,
    Tool,
    Activity,
    Parallel,
    Switch,
    Loop,
    Approval,
    Workflow,
    Webhook,
}
