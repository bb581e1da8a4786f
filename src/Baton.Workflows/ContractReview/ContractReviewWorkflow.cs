using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <c>contract-review</c>, the worked example of docs/workflows.md written as one C# file: a drafter writes a contract
/// from the agreed terms, a reviewer answers with a structured review (a second draft when it asks for changes), legal
/// approves within two days (and may edit the text; no answer rejects), and a finalizer produces the signature-ready
/// version. Everything it needs is here: its name, input, output, agents and orchestration. It uses only the public
/// API a workflow in any project has: agents, approvals and custom status.
/// </summary>
[DurableTask(Name)]
public sealed class ContractReviewWorkflow : TaskOrchestrator<ContractReviewWorkflow.Request, ContractReviewWorkflow.Result>
{
    /// <summary>The name runs are started with.</summary>
    public const string Name = "contract-review";

    /// <summary>What the catalog says about it.</summary>
    public const string Description =
        "A drafter writes a contract from the agreed terms, a reviewer answers with a structured review (one revision when " +
        "it asks for changes), legal approves within two days and may edit the text, and a finalizer writes the " +
        "signature-ready version.";

    /// <summary>How long legal has to answer when the request says nothing.</summary>
    public static readonly TimeSpan DefaultLegalTimeout = TimeSpan.FromDays(2);

    /// <summary>The agents this workflow uses; registered like any agent.</summary>
    public static IReadOnlyList<AgentDefinition> Agents { get; } =
    [
        new(
            "drafting-counsel",
            """
            You are a commercial lawyer. Draft a complete, plain-English contract from the terms you are given: parties,
            scope, fees and payment, term and renewal with a notice period, liability cap, confidentiality, termination,
            governing law. Use numbered clauses. When you are given review comments, revise the draft to address each one.
            """)
        {
            Description = "Drafts a contract from agreed terms and revises it on review comments.",
            Options = new AgentModelOptions(Temperature: 0.2f),
        },
        new(
            "reviewing-counsel",
            """
            You are a senior reviewing lawyer. Review the draft contract against its terms. Answer Ready when it is sound,
            NeedsChanges when a clause is missing, ambiguous or one-sided; list each risk in one sentence and the change
            that fixes it. Answer only with JSON matching the required schema.
            """)
        {
            Description = "Reviews a draft contract and answers with a structured verdict and risks.",
            OutputType = typeof(Review),
            Options = new AgentModelOptions(Temperature: 0.1f),
        },
        new(
            "closing-counsel",
            """
            You are the lawyer who prepares contracts for signature. Produce the final text of the approved contract:
            keep every clause as approved, fix numbering and defined terms, and add signature blocks for both parties.
            """)
        {
            Description = "Prepares the approved contract for signature.",
        },
    ];

    /// <inheritdoc />
    public override async Task<Result> RunAsync(TaskOrchestrationContext context, Request input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || string.IsNullOrWhiteSpace(input.Title) || string.IsNullOrWhiteSpace(input.Terms) || input.LegalApprovers is not { Count: > 0 })
        {
            throw new ArgumentException($"The {Name} input needs a title, the terms and at least one legal approver: {{ \"title\": \"...\", \"terms\": \"...\", \"legalApprovers\": [\"legal@example.com\"] }}.", nameof(input));
        }

        var spend = new RunSpend();
        var agents = new AgentRunOptions { Spend = spend, CustomStatus = _ => null };

        context.SetCustomStatus(new Status("Drafting", spend));
        var draft = (await context.RunAgentAsync(Agents[0].Name, $"Contract: {input.Title}\n\nAgreed terms:\n{input.Terms}", agents)).Text;

        context.SetCustomStatus(new Status("Reviewing", spend));
        var review = (await context.RunAgentAsync<Review>(Agents[1].Name, $"Terms:\n{input.Terms}\n\nDraft:\n{draft}", agents)).Output;
        if (review.Verdict == Verdict.NeedsChanges && review.Risks.Count > 0)
        {
            context.SetCustomStatus(new Status("Revising", spend));
            var comments = string.Join("\n", review.Risks.Select(r => "- " + r));
            draft = (await context.RunAgentAsync(Agents[0].Name, $"Contract: {input.Title}\n\nAgreed terms:\n{input.Terms}\n\nReview comments:\n{comments}\n\nDraft:\n{draft}", agents)).Text;
        }

        var policy = new ApprovalPolicy(input.LegalTimeout ?? DefaultLegalTimeout, DefaultDecision: ApprovalTimeoutAction.Reject);
        var request = context.NewApprovalRequest($"Legal approval: {input.Title}", input.LegalApprovers, policy) with
        {
            Kind = "contract",
            Details = draft,
            AllowEdits = true,
        };
        context.SetCustomStatus(new Status("AwaitingApproval", spend) { PendingApprovalEvent = request.EventName });
        var legal = await context.RequestApprovalAsync(request, policy);
        if (!legal.Approved)
        {
            var outcome = legal.IsDefault ? Outcome.TimedOut : Outcome.Rejected;
            context.SetCustomStatus(new Status(outcome.ToString(), spend));
            return new Result(input.Title, outcome, draft, review, null, legal, spend);
        }

        context.SetCustomStatus(new Status("Finalizing", spend));
        var approved = legal.EditedText ?? draft;
        var final = (await context.RunAgentAsync(Agents[2].Name, $"Contract: {input.Title}\n\nApproved text:\n{approved}", agents)).Text;
        context.SetCustomStatus(new Status(nameof(Outcome.Finalized), spend));
        return new Result(input.Title, Outcome.Finalized, approved, review, final, legal, spend);
    }

    /// <summary>The input: what the contract is and who in legal approves it.</summary>
    /// <param name="Title">The contract's title, e.g. "Master services agreement with Northwind".</param>
    /// <param name="Terms">The agreed commercial terms the draft must follow.</param>
    /// <param name="LegalApprovers">Who in legal approves the draft (emails); any one of them decides.</param>
    /// <param name="LegalTimeout">How long legal has; two days when null. No answer in time rejects.</param>
    /// <remarks>The attributes are the input's JSON Schema: a start that breaks them is answered 400 naming the field.</remarks>
    public sealed record Request(
        [MinLength(1)] string Title,
        [MinLength(1)] string Terms,
        [MinLength(1), EmailAddresses] IReadOnlyList<string> LegalApprovers,
        TimeSpan? LegalTimeout = null);

    /// <summary>The reviewer's structured answer.</summary>
    /// <param name="Verdict">Ready, or NeedsChanges.</param>
    /// <param name="Risks">Each risk found, with the change that fixes it.</param>
    /// <param name="Summary">The review in one or two sentences.</param>
    public sealed record Review(
        [property: Description("Ready when the draft is sound; NeedsChanges otherwise.")] Verdict Verdict,
        [property: Description("Each risk in one sentence, with the change that fixes it.")] IReadOnlyList<string> Risks,
        [property: Description("The review in one or two sentences.")] string Summary);

    /// <summary>What the reviewer concluded.</summary>
    public enum Verdict
    {
        /// <summary>The draft is sound.</summary>
        Ready,

        /// <summary>A clause is missing, ambiguous or one-sided.</summary>
        NeedsChanges,
    }

    /// <summary>How a run ended.</summary>
    public enum Outcome
    {
        /// <summary>Legal approved and the finalizer wrote the signature-ready text.</summary>
        Finalized,

        /// <summary>Legal rejected the draft.</summary>
        Rejected,

        /// <summary>Legal did not answer in time.</summary>
        TimedOut,
    }

    /// <summary>The output of a run.</summary>
    /// <param name="Title">The contract's title.</param>
    /// <param name="Outcome">How the run ended.</param>
    /// <param name="Draft">The draft legal saw, or legal's edit of it when approved with changes.</param>
    /// <param name="Review">The reviewer's answer on the first draft.</param>
    /// <param name="Final">The signature-ready text; null unless finalized.</param>
    /// <param name="Legal">Legal's decision (or the timeout's).</param>
    /// <param name="Spend">Tokens and estimated cost of the agents.</param>
    public sealed record Result(string Title, Outcome Outcome, string Draft, Review Review, string? Final, ApprovalDecision Legal, RunSpend Spend);

    /// <summary>The custom status at each step: where the run is and what it has spent.</summary>
    /// <param name="State">Drafting, Reviewing, Revising, AwaitingApproval (legal), Finalizing, or the outcome.</param>
    /// <param name="Spend">Tokens and estimated cost so far.</param>
    public sealed record Status(string State, RunSpend Spend)
    {
        /// <summary>The event legal's decision is raised as, while waiting for it.</summary>
        public string? PendingApprovalEvent { get; init; }
    }
}
