using Baton.Durable;

namespace Baton.Agents;

/// <summary>
/// The <see cref="AgentActivityNames.SettleApproval"/> activity: decides, against the ledger, whether the run accepts
/// a decision it received. It accepts the ledger's winner (by <see cref="ApprovalDecision.DecisionId"/>); a raw event from
/// an approver on the list, or an override, while the record is still pending (and records it as the decision); and
/// nothing else, which it records as a refusal. At the deadline it closes a pending record as expired with the default,
/// or hands back the decision a person made just before. Idempotent: it may run more than once with the same input.
/// </summary>
[DurableTask(AgentActivityNames.SettleApproval)]
public sealed class SettleApprovalActivity(IApprovalLedger ledger) : TaskActivity<ApprovalSettlement, ApprovalVerdict>
{
    /// <inheritdoc />
    public override async Task<ApprovalVerdict> RunAsync(TaskActivityContext context, ApprovalSettlement input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancellation = context.CancellationToken;
        ApprovalVerdict? verdict = null;
        var stored = await ledger.UpdateAsync(input.InstanceId, input.EventName, record =>
        {
            (verdict, var changed) = input.Received is { } received ? Settle(record, received, input) : Expire(record, input);
            return changed;
        }, cancellation);

        if (stored is null)
        {
            // No record (written by an older version, or lost with an in-memory ledger): judge by the run's own list.
            return input.Received is { } received
                ? received.IsOverride || input.Deciders.Contains(received.Approver, StringComparer.OrdinalIgnoreCase)
                    ? new ApprovalVerdict(true, received, null)
                    : new ApprovalVerdict(false, null, $"{received.Approver} is not on the approver list.")
                : new ApprovalVerdict(true, input.Default, null);
        }

        return verdict!;
    }

    private static (ApprovalVerdict Verdict, ApprovalRecord? Changed) Settle(ApprovalRecord record, ApprovalDecision received, ApprovalSettlement input)
    {
        if (record.IsDecided)
        {
            if (received.DecisionId is { } id && string.Equals(id, record.Decision?.DecisionId, StringComparison.Ordinal))
            {
                return (new ApprovalVerdict(true, record.Decision, null), record with { RaisedAt = record.RaisedAt ?? input.At, AcknowledgedAt = record.AcknowledgedAt ?? input.At });
            }

            var winner = record.Decision!;
            return Refuse(record, received, input, $"{winner.Approver} already {(winner.Approved ? "approved" : "rejected")} this at {winner.DecidedAt:u}.");
        }

        if (record.Status != ApprovalStatus.Pending)
        {
            return Refuse(record, received, input, $"The approval is closed ({record.Status.ToString().ToLowerInvariant()}).");
        }

        var deciders = input.Deciders.Concat(record.Deciders);
        if (!received.IsOverride && !deciders.Contains(received.Approver?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return Refuse(record, received, input, $"{received.Approver} is not on the approver list ({string.Join(", ", record.Deciders)}).");
        }

        // A raw event (management API, client code) from someone allowed: it becomes the ledger's decision here.
        var decision = received with
        {
            DecisionId = received.DecisionId ?? Guid.NewGuid().ToString("N"),
            Channel = received.IsOverride ? ApprovalChannels.Override : received.Channel ?? ApprovalChannels.Api,
            DecidedAt = received.DecidedAt == default ? input.At : received.DecidedAt,
            EditedText = record.AllowEdits ? received.EditedText : null,
            IsDefault = false,
        };
        var decided = record with
        {
            Status = decision.Approved ? ApprovalStatus.Approved : ApprovalStatus.Rejected,
            Decision = decision,
            RaisedAt = input.At,
            AcknowledgedAt = input.At,
        };
        return (new ApprovalVerdict(true, decision, null), decided);
    }

    private static (ApprovalVerdict Verdict, ApprovalRecord? Changed) Refuse(ApprovalRecord record, ApprovalDecision received, ApprovalSettlement input, string reason) =>
        (new ApprovalVerdict(false, null, reason),
         record.WithRefusal(new ApprovalRefusal(received.Approver ?? "(nobody)", received.Approved, input.At, reason, received.IsOverride ? ApprovalChannels.Override : received.Channel ?? ApprovalChannels.Api)));

    private static (ApprovalVerdict Verdict, ApprovalRecord? Changed) Expire(ApprovalRecord record, ApprovalSettlement input)
    {
        if (record.IsDecided)
        {
            // A person decided just before the deadline and the event is on its way: that decision stands.
            return (new ApprovalVerdict(true, record.Decision, null), record with { AcknowledgedAt = record.AcknowledgedAt ?? input.At });
        }

        if (record.Status != ApprovalStatus.Pending)
        {
            return (new ApprovalVerdict(true, input.Default, null), null);
        }

        var expired = record with
        {
            Status = ApprovalStatus.Expired,
            Decision = input.Default is { } d ? d with { Channel = ApprovalChannels.Policy } : null,
            ClosedAt = input.At,
            ClosedReason = input.Default is null ? "No decision before the deadline; the run fails." : "No decision before the deadline; the default applied.",
        };
        return (new ApprovalVerdict(true, input.Default, null), expired);
    }
}
