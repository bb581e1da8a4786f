using System.ComponentModel.DataAnnotations;
using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.ResearchReport"/>.</summary>
/// <param name="Topic">What the report is about, in a sentence (e.g. "Competitor pricing changes in Q3").</param>
/// <param name="Approvers">Who may approve publication: email addresses, at least one.</param>
public sealed record ResearchReportInput([MinLength(1)] string Topic, [MinLength(1), EmailAddresses] IReadOnlyList<string> Approvers)
{
    /// <summary>Only source documents whose path starts with this are searched; all when null.</summary>
    public string? SourcePrefix { get; init; }

    /// <summary>How long the approval stays open in all. Default 2 days.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromDays(2);

    /// <summary>When the one reminder is sent; half of <see cref="ApprovalTimeout"/> when null.</summary>
    public TimeSpan? ReminderAfter { get; init; }

    /// <summary>What happens when nobody decides in time. Default: not published (rejected).</summary>
    public ApprovalTimeoutAction OnApprovalTimeout { get; init; } = ApprovalTimeoutAction.Reject;

    /// <summary>How many times a rejection with comments sends the draft back to the writer. Default 1.</summary>
    [Range(0, 10)]
    public int MaxRevisions { get; init; } = 1;

    /// <summary>Who asked for the report, when known; shown on the announcement when it is published.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The run's token or cost budget; none when null.</summary>
    public RunBudget? Budget { get; init; }
}
