using System.ComponentModel.DataAnnotations;
using Baton.Agents;

namespace Baton.Workflows;

/// <summary>The input of <see cref="WorkflowNames.DocumentSignoff"/>.</summary>
/// <param name="Title">The document's title (e.g. "Data processing agreement with Northwind").</param>
/// <param name="Brief">What the document must say: purpose, audience, facts and constraints.</param>
/// <param name="Approvers">Who may sign the document off: email addresses, at least one.</param>
public sealed record DocumentSignoffInput([MinLength(1)] string Title, [MinLength(1)] string Brief, [MinLength(1), EmailAddresses] IReadOnlyList<string> Approvers)
{
    /// <summary>How many drafts the reviewer sees at most before the document goes to sign-off anyway. Default 3.</summary>
    [Range(1, 20)]
    public int MaxRounds { get; init; } = 3;

    /// <summary>How long the sign-off stays open. Default 2 days.</summary>
    public TimeSpan SignOffTimeout { get; init; } = TimeSpan.FromDays(2);

    /// <summary>The agent that drafts and revises; <see cref="WorkflowAgentNames.Drafter"/> by default.</summary>
    public string Drafter { get; init; } = WorkflowAgentNames.Drafter;

    /// <summary>The agent that reviews, answering with a <see cref="DraftReview"/>; <see cref="WorkflowAgentNames.DraftReviewer"/> by default.</summary>
    public string Reviewer { get; init; } = WorkflowAgentNames.DraftReviewer;

    /// <summary>The run's token or cost budget; none when null.</summary>
    public RunBudget? Budget { get; init; }
}
