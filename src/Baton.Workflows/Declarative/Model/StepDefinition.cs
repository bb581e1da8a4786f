using Baton.Agents;

namespace Baton.Workflows;

/// <summary>
/// One step of a declarative workflow as loaded and validated: the fields common to every kind, then those of its
/// kind (null when the kind has none). Immutable once loaded.
/// </summary>
internal sealed record StepDefinition
{
    public required string Name { get; init; }

    public required StepKind Kind { get; init; }

    public required SourcePosition Position { get; init; }

    /// <summary>Where each field of the step is written, by field name.</summary>
    public IReadOnlyDictionary<string, SourcePosition> Fields { get; init; } = new Dictionary<string, SourcePosition>();

    public TimeSpan? Timeout { get; init; }

    public StepRetry? Retry { get; init; }

    public string? Compensate { get; init; }

    public Condition? When { get; init; }

    // agent
    public string? Agent { get; init; }

    public Template? Prompt { get; init; }

    public Template? Approvers { get; init; }

    public TimeSpan? ApprovalTimeout { get; init; }

    public int? MaxTurns { get; init; }

    // tool, activity, workflow
    public string? Target { get; init; }

    public Template? Input { get; init; }

    // parallel
    public IReadOnlyList<StepDefinition> Branches { get; init; } = [];

    public int? MaxConcurrency { get; init; }

    public int? MinSucceeded { get; init; }

    public Template? Collect { get; init; }

    // switch
    public ValuePath? On { get; init; }

    public IReadOnlyList<(string Value, IReadOnlyList<StepDefinition> Steps)> Cases { get; init; } = [];

    public IReadOnlyList<StepDefinition> Default { get; init; } = [];

    // loop
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    public Condition? Until { get; init; }

    public int MaxIterations { get; init; } = 1;

    // approval
    public Template? Title { get; init; }

    public Template? Details { get; init; }

    public TimeSpan? Reminder { get; init; }

    public int MaxReminders { get; init; }

    public ApprovalTimeoutAction DefaultDecision { get; init; } = ApprovalTimeoutAction.Reject;

    public string ApprovalKind { get; init; } = "workflow";

    public bool AllowEdits { get; init; }

    public Template? EscalateTo { get; init; }

    // webhook
    public Uri? Url { get; init; }

    public string Method { get; init; } = "POST";

    public IReadOnlyList<(string Name, Template Value)> Headers { get; init; } = [];

    /// <summary>Where <paramref name="field"/> is written; the step's own position when it is not.</summary>
    public SourcePosition PositionOf(string field) => Fields.TryGetValue(field, out var position) ? position : Position;

    /// <summary>The steps nested in this one (branches, cases, default, loop body), in file order.</summary>
    public IEnumerable<StepDefinition> Children =>
        Branches.Concat(Cases.SelectMany(c => c.Steps)).Concat(Default).Concat(Steps);
}
