using System.ComponentModel.DataAnnotations;
using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.WeeklyReport"/>, as a schedule gives it for each occurrence.</summary>
/// <param name="WeekStart">The first day of the week reported on; the week is seven days from it.</param>
/// <param name="Approvers">Who may approve publication: email addresses, at least one.</param>
public sealed record WeeklyReportInput(DateOnly WeekStart, [MinLength(1), EmailAddresses] IReadOnlyList<string> Approvers)
{
    /// <summary>What the report covers, completed into the topic "What changed in {Subject} in the week of …". Default "our market, competitors and customers".</summary>
    public string Subject { get; init; } = "our market, competitors and customers";

    /// <summary>Only source documents whose path starts with this are searched; all when null.</summary>
    public string? SourcePrefix { get; init; }

    /// <summary>How long the approval stays open in all. Default 2 days.</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromDays(2);

    /// <summary>What happens when nobody decides in time. Default: published (a weekly report should not silently go missing).</summary>
    public ApprovalTimeoutAction OnApprovalTimeout { get; init; } = ApprovalTimeoutAction.Approve;

    /// <summary>The run's token or cost budget; none when null.</summary>
    public RunBudget? Budget { get; init; }
}
