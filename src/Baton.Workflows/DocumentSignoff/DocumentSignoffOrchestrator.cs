using Baton.Agents;
using Baton.Durable;

namespace Baton.Workflows;

/// <summary>
/// <see cref="WorkflowNames.DocumentSignoff"/>, a state machine: <see cref="SignoffState.Drafting"/> (the drafter
/// writes, or revises on the last change requests) → <see cref="SignoffState.Reviewing"/> (the reviewer answers with a
/// <see cref="DraftReview"/>) → back to drafting while changes are requested and rounds remain → then
/// <see cref="SignoffState.AwaitingSignOff"/> (a person signs off before the input's timeout) → one of the final states
/// <see cref="SignoffState.Approved"/>, <see cref="SignoffState.Rejected"/> or <see cref="SignoffState.TimedOut"/>.
/// The current state is <see cref="WorkflowStatus.State"/> in custom status at every step.
/// </summary>
[DurableTask(WorkflowNames.DocumentSignoff)]
public sealed class DocumentSignoffOrchestrator : TaskOrchestrator<DocumentSignoffInput, DocumentSignoffOutput>
{
    /// <inheritdoc />
    public override async Task<DocumentSignoffOutput> RunAsync(TaskOrchestrationContext context, DocumentSignoffInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        Validate(input);
        var logger = context.CreateReplaySafeLogger<DocumentSignoffOrchestrator>();
        var progress = new WorkflowProgress(context, WorkflowNames.DocumentSignoff);
        var agentOptions = progress.AgentOptions(input.Budget);
        var rounds = new List<DraftRound>();
        var draft = string.Empty;
        ApprovalDecision? signOff = null;
        var state = SignoffState.Drafting;

        while (!IsFinal(state))
        {
            progress.Set(state.ToString(), StepOf(state, rounds.Count + (state == SignoffState.Drafting ? 1 : 0), input.MaxRounds));
            switch (state)
            {
                case SignoffState.Drafting:
                    var prompt = rounds.Count == 0 ? DraftPrompt(input) : RevisePrompt(input, draft, rounds[^1].Review);
                    draft = (await context.RunAgentAsync(input.Drafter, prompt, agentOptions)).Text;
                    if (rounds.Count > 0)
                    {
                        progress.Revised();
                    }

                    state = SignoffState.Reviewing;
                    break;

                case SignoffState.Reviewing:
                    var review = await context.RunAgentAsync<DraftReview>(input.Reviewer, ReviewPrompt(input, draft, rounds.Count + 1), agentOptions);
                    rounds.Add(new DraftRound(rounds.Count + 1, review.Output));
                    state = AfterReview(review.Output, rounds.Count, input.MaxRounds);
                    break;

                default:
                    var policy = new ApprovalPolicy(input.SignOffTimeout, DefaultDecision: ApprovalTimeoutAction.Reject);
                    var request = context.NewApprovalRequest($"Sign off \"{input.Title}\"", input.Approvers, policy) with
                    {
                        Kind = "signoff",
                        Details = SignOffDetails(draft, rounds[^1]),
                    };
                    progress.Set(state.ToString(), $"waiting for {string.Join(", ", input.Approvers)}", request.EventName);
                    signOff = await context.RequestApprovalAsync(request, policy);
                    Log.ApprovalDecided(logger, context.InstanceId, signOff.Approver, signOff.Approved, signOff.IsDefault);
                    state = AfterSignOff(signOff);
                    break;
            }
        }

        progress.Set(state.ToString(), $"{signOff!.Approver} after {rounds.Count} round(s)");
        return new DocumentSignoffOutput(
            input.Title, state, draft, rounds, rounds[^1].Review.Verdict == DraftVerdict.Approve, signOff, progress.Spend);
    }

    /// <summary>
    /// The transition after a review: an approval, or change requests once <paramref name="maxRounds"/> drafts were
    /// reviewed, go to sign-off; other change requests go back to drafting. Requested changes with an empty list count
    /// as an approval, since there is nothing to revise.
    /// </summary>
    internal static SignoffState AfterReview(DraftReview review, int roundsDone, int maxRounds)
    {
        ArgumentNullException.ThrowIfNull(review);
        var changesAsked = review.Verdict == DraftVerdict.RequestChanges && review.ChangeRequests is { Count: > 0 };
        return changesAsked && roundsDone < maxRounds ? SignoffState.Drafting : SignoffState.AwaitingSignOff;
    }

    /// <summary>The transition after sign-off: approved, timed out (the default decision), or rejected by a person.</summary>
    internal static SignoffState AfterSignOff(ApprovalDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.IsDefault ? SignoffState.TimedOut : decision.Approved ? SignoffState.Approved : SignoffState.Rejected;
    }

    /// <summary>True for the states a run ends in.</summary>
    internal static bool IsFinal(SignoffState state) =>
        state is SignoffState.Approved or SignoffState.Rejected or SignoffState.TimedOut;

    private static string StepOf(SignoffState state, int round, int maxRounds) => state switch
    {
        SignoffState.Drafting => $"round {round} of at most {maxRounds}: drafting",
        SignoffState.Reviewing => $"round {round} of at most {maxRounds}: reviewing",
        _ => string.Empty,
    };

    private static void Validate(DocumentSignoffInput? input) => DocumentSignoffInputValidator.Instance.ThrowIfInvalid(input);

    private static string DraftPrompt(DocumentSignoffInput input) =>
        $"Draft the document \"{input.Title}\".\n\nBrief:\n{input.Brief}";

    private static string RevisePrompt(DocumentSignoffInput input, string draft, DraftReview review) =>
        $"Revise the document \"{input.Title}\" to address every change request.\n\nBrief:\n{input.Brief}\n\n" +
        $"Change requests:\n{string.Join("\n", review.ChangeRequests.Select(c => "- " + c))}\n\nPrevious draft:\n{draft}";

    private static string ReviewPrompt(DocumentSignoffInput input, string draft, int round) =>
        $"Review draft {round} of \"{input.Title}\" against its brief.\n\nBrief:\n{input.Brief}\n\nDraft:\n{draft}";

    private static string SignOffDetails(string draft, DraftRound last)
    {
        var preview = draft.Length <= 4000 ? draft : draft[..4000] + "\n…";
        return last.Review.Verdict == DraftVerdict.Approve || last.Review.ChangeRequests.Count == 0
            ? preview
            : $"The reviewer still asks for changes after {last.Round} round(s):\n" +
              string.Join("\n", last.Review.ChangeRequests.Select(c => "- " + c)) + "\n\n" + preview;
    }
}
