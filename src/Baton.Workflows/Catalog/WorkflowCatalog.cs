namespace Baton.Workflows;

/// <summary>
/// The workflows a process can start, by name (case-insensitive), with their input and output types: the C# workflows
/// given when it is built, and the declarative workflows of a <see cref="DeclarativeWorkflowCatalog"/> as they are now
/// (a reload adds, changes and removes them). Thread-safe to read.
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDescriptor> _workflows = new(StringComparer.OrdinalIgnoreCase);
    private readonly DeclarativeWorkflowCatalog? _declarative;

    /// <summary>Creates a catalog of <paramref name="workflows"/>; names must be unique.</summary>
    public WorkflowCatalog(IEnumerable<WorkflowDescriptor> workflows)
        : this(workflows, null)
    {
    }

    /// <summary>
    /// Creates a catalog of <paramref name="workflows"/> and the current workflows of <paramref name="declarative"/>,
    /// read on every lookup so that a reload shows at once. Names must be unique (loading declarative workflows refuses
    /// names the C# workflows have).
    /// </summary>
    public WorkflowCatalog(IEnumerable<WorkflowDescriptor> workflows, DeclarativeWorkflowCatalog? declarative)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        _declarative = declarative;
        foreach (var workflow in workflows)
        {
            ArgumentNullException.ThrowIfNull(workflow);
            ArgumentException.ThrowIfNullOrWhiteSpace(workflow.Name);
            if (!_workflows.TryAdd(workflow.Name, workflow))
            {
                throw new ArgumentException($"A workflow named '{workflow.Name}' is listed twice. Give each workflow a unique name.", nameof(workflows));
            }
        }
    }

    /// <summary>The workflows this library ships, in the order they are documented.</summary>
    public static IReadOnlyList<WorkflowDescriptor> BuiltIn { get; } =
    [
        new(
            WorkflowNames.ResearchReport,
            typeof(ResearchReportInput),
            typeof(ResearchReportOutput),
            "A researcher searches the source documents, an analyst turns the notes into structured findings, a writer drafts a " +
            "markdown report, a person approves it (one revision on a rejection with comments) and the report is published.")
        {
            InputValidator = ResearchReportInputValidator.Instance,
        },
        new(
            WorkflowNames.ParallelReview,
            typeof(ParallelReviewInput),
            typeof(ParallelReviewOutput),
            "A document is reviewed in parallel by specialist reviewers, each giving a structured verdict; an aggregator merges " +
            "them. Succeeds when at least the required number of reviewers answered, and reports those that failed.")
        {
            InputValidator = ParallelReviewInputValidator.Instance,
        },
        new(
            WorkflowNames.SupportTriage,
            typeof(SupportTriageInput),
            typeof(SupportTriageOutput),
            "A classifier gives a support request a category, urgency and confidence and routes it to that category's " +
            "specialist; urgent or uncertain requests are escalated with a ticket a person approves; a communicator drafts the reply.")
        {
            InputValidator = SupportTriageInputValidator.Instance,
        },
        new(
            WorkflowNames.DocumentSignoff,
            typeof(DocumentSignoffInput),
            typeof(DocumentSignoffOutput),
            "A drafter writes a document and a reviewer answers with approval or change requests, round after round until the " +
            "reviewer approves or the rounds run out; then a person signs it off before a timeout. The state is in custom status.")
        {
            InputValidator = DocumentSignoffInputValidator.Instance,
        },
        new(
            WorkflowNames.GroupChat,
            typeof(GroupChatInput),
            typeof(GroupChatOutput),
            "Agents discuss a topic on a shared transcript, the next speaker picked round-robin, by a selector agent or by a " +
            "registered function, until a termination phrase, a maximum of rounds or a token budget; the transcript is the output.")
        {
            InputValidator = GroupChatInputValidator.Instance,
        },
        new(
            WorkflowNames.WeeklyReport,
            typeof(WeeklyReportInput),
            typeof(WeeklyReportOutput),
            "The research-report pipeline over what changed in one week, run as a sub-workflow: meant to be started by a " +
            "weekly schedule, one run per week.")
        {
            InputValidator = WeeklyReportInputValidator.Instance,
        },
        new(
            WorkflowNames.Hierarchical,
            typeof(HierarchicalInput),
            typeof(HierarchicalOutput),
            "A lead agent splits a task into sub-tasks, each handled by a sub-team running one of the patterns above as a " +
            "sub-workflow; the lead synthesises their results, reporting any sub-team that failed.")
        {
            InputValidator = HierarchicalInputValidator.Instance,
        },
        new(
            ContractReviewWorkflow.Name,
            typeof(ContractReviewWorkflow.Request),
            typeof(ContractReviewWorkflow.Result),
            ContractReviewWorkflow.Description),
    ];

    /// <summary>Workflow names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. Workflows.Select(w => w.Name)];

    /// <summary>Every workflow, sorted by name.</summary>
    public IReadOnlyList<WorkflowDescriptor> Workflows =>
        [.. _workflows.Values.Concat(Declarative.Where(d => !_workflows.ContainsKey(d.Name))).OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The workflow named <paramref name="name"/>; throws <see cref="WorkflowNotFoundException"/> when there is none.</summary>
    public WorkflowDescriptor Get(string name) =>
        TryGet(name, out var workflow) ? workflow : throw new WorkflowNotFoundException(name, Names);

    /// <summary>Looks a workflow up by name.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkflowDescriptor? workflow)
    {
        if (_workflows.TryGetValue(name ?? string.Empty, out workflow))
        {
            return true;
        }

        workflow = Declarative.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        return workflow is not null;
    }

    private IReadOnlyList<WorkflowDescriptor> Declarative => _declarative?.Descriptors ?? [];
}
