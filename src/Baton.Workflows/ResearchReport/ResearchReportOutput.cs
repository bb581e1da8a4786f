using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The output of <see cref="WorkflowNames.ResearchReport"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Outcome">Published, rejected or timed out.</param>
/// <param name="Location">Where the report was written (e.g. "reports/2026/01/05/pricing-abc.md"); null unless published.</param>
/// <param name="Markdown">The final draft.</param>
/// <param name="Findings">The analyst's findings.</param>
/// <param name="Decisions">Every approval decision, in order (a default from the timeout included).</param>
/// <param name="Revisions">How many times the writer revised the draft on comments.</param>
/// <param name="Spend">Tokens and estimated cost of the whole run.</param>
public sealed record ResearchReportOutput(
    string Topic,
    ReportOutcome Outcome,
    string? Location,
    string Markdown,
    ResearchFindings Findings,
    IReadOnlyList<ApprovalDecision> Decisions,
    int Revisions,
    RunSpend Spend);
