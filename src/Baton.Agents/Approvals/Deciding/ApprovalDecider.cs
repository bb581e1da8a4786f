using System.Globalization;
using System.Text.Json;
using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Baton.Agents;

/// <summary>
/// The single-decision path every channel shares (links, the inbox, the API): a decision is one conditional (ETag)
/// replace of the ledger record from pending to decided; only the winner raises the run's event, every other attempt
/// learns who decided and when. A raise lost to a crash between the two steps is repaired by the next read of the
/// record and by <see cref="SweepAsync"/>. Reading a record also closes it when its run has ended. Thread-safe; any
/// number of processes may decide at once on one task hub.
/// </summary>
public sealed class ApprovalDecider
{
    private const int MaxAttempts = 20;
    private readonly IApprovalLedger _ledger;
    private readonly DurableTaskClient _client;
    private readonly TimeProvider _time;
    private readonly ApprovalDeciderOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the decider over <paramref name="ledger"/>, raising events through <paramref name="client"/>.</summary>
    public ApprovalDecider(
        IApprovalLedger ledger,
        DurableTaskClient client,
        TimeProvider? timeProvider = null,
        IOptions<ApprovalDeciderOptions>? options = null,
        ILogger<ApprovalDecider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(client);
        _ledger = ledger;
        _client = client;
        _time = timeProvider ?? TimeProvider.System;
        _options = options?.Value ?? new ApprovalDeciderOptions();
        _logger = logger ?? NullLogger<ApprovalDecider>.Instance;
    }

    /// <summary>The ledger decisions go to.</summary>
    public IApprovalLedger Ledger => _ledger;

    /// <summary>The client decisions are raised through.</summary>
    public DurableTaskClient Client => _client;

    /// <summary>
    /// The record of an approval, repaired on the way: a decision whose event was never raised (past
    /// <see cref="ApprovalDeciderOptions.DeliveryGrace"/>) is raised now, and a pending record whose run has ended or
    /// been purged is closed as cancelled. Null when the ledger holds no such approval. Reads no history.
    /// </summary>
    public async Task<ApprovalRecord?> ReadAsync(string instanceId, string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var record = await _ledger.GetAsync(instanceId, eventName, cancellationToken).ConfigureAwait(false);
        return record is null ? null : await RepairAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides on an approval for <see cref="ApprovalBallot.Approver"/>; see the type's remarks.</summary>
    public async Task<ApprovalDecisionResult> DecideAsync(ApprovalBallot ballot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentException.ThrowIfNullOrWhiteSpace(ballot.Approver);
        var record = await ReadAsync(ballot.InstanceId, ballot.EventName, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            if (record is null)
            {
                return new ApprovalDecisionResult(ApprovalDecisionOutcome.NotFound, null, $"No approval '{ballot.EventName}' is recorded for run '{ballot.InstanceId}'.");
            }

            var now = _time.GetUtcNow().UtcDateTime;
            if (Closed(record, now) is { } settled)
            {
                return settled;
            }

            if (!record.MayDecide(ballot.Approver))
            {
                var reason = $"{ballot.Approver} is not on the approver list ({string.Join(", ", record.Deciders)}).";
                var refused = await _ledger.UpdateAsync(record.InstanceId, record.EventName, r =>
                    r.WithRefusal(new ApprovalRefusal(ballot.Approver, ballot.Approved, now, reason, ballot.Channel)), cancellationToken).ConfigureAwait(false);
                Log.DecisionRefused(_logger, record.InstanceId, record.EventName, ballot.Approver, reason);
                return new ApprovalDecisionResult(ApprovalDecisionOutcome.NotAnApprover, refused ?? record, reason);
            }

            var (edited, editProblem) = Edit(record, ballot.EditedText);
            if (editProblem is not null)
            {
                return new ApprovalDecisionResult(ApprovalDecisionOutcome.InvalidEdit, record, editProblem);
            }

            var approver = record.Deciders.First(d => string.Equals(d, ballot.Approver.Trim(), StringComparison.OrdinalIgnoreCase));
            var decision = new ApprovalDecision(ballot.Approved, approver, string.IsNullOrWhiteSpace(ballot.Comment) ? null : ballot.Comment.Trim(), now)
            {
                DecisionId = Guid.NewGuid().ToString("N"),
                Channel = ballot.Channel,
                EditedText = edited,
            };
            var stored = await _ledger.TryReplaceAsync(
                record with { Status = ballot.Approved ? ApprovalStatus.Approved : ApprovalStatus.Rejected, Decision = decision, RaisedAt = null },
                cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                // Someone else wrote first: most often another decision (then it wins), else a reminder count; read and judge again.
                if (attempt >= MaxAttempts)
                {
                    throw new InvalidOperationException($"The approval record '{ballot.EventName}' of instance '{ballot.InstanceId}' kept changing under {MaxAttempts} attempts to decide; try again.");
                }

                record = await _ledger.GetAsync(ballot.InstanceId, ballot.EventName, cancellationToken).ConfigureAwait(false);
                continue;
            }

            Log.DecisionWon(_logger, stored.InstanceId, stored.EventName, approver, ballot.Approved, ballot.Channel);
            if (_options.BeforeRaise is { } beforeRaise)
            {
                await beforeRaise(stored, cancellationToken).ConfigureAwait(false);
            }

            stored = await DeliverAsync(stored, cancellationToken).ConfigureAwait(false);
            return stored.Status == ApprovalStatus.Cancelled
                ? new ApprovalDecisionResult(ApprovalDecisionOutcome.Closed, stored, stored.ClosedReason ?? "The run finished before the decision reached it.")
                : new ApprovalDecisionResult(ApprovalDecisionOutcome.Recorded, stored, $"{(ballot.Approved ? "Approved" : "Rejected")} by {approver}.");
        }
    }

    /// <summary>
    /// One pass of the sweep: raises every decision whose event was lost (past <see cref="ApprovalDeciderOptions.DeliveryGrace"/>),
    /// and closes pending records whose run has ended or been purged. Returns how many it delivered and closed.
    /// </summary>
    public async Task<(int Delivered, int Closed)> SweepAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var closed = 0;
        foreach (var record in await _ledger.ListAsync(new ApprovalLedgerQuery(AwaitingDeliveryOnly: true), cancellationToken).ConfigureAwait(false))
        {
            var repaired = await RepairAsync(record, cancellationToken).ConfigureAwait(false);
            delivered += repaired.RaisedAt is not null && record.RaisedAt is null ? 1 : 0;
        }

        foreach (var record in await _ledger.ListAsync(new ApprovalLedgerQuery([ApprovalStatus.Pending]), cancellationToken).ConfigureAwait(false))
        {
            var repaired = await RepairAsync(record, cancellationToken).ConfigureAwait(false);
            closed += repaired.Status == ApprovalStatus.Cancelled ? 1 : 0;
        }

        return (delivered, closed);
    }

    /// <summary>
    /// Why <paramref name="record"/> takes no decision at <paramref name="now"/> (decided, expired, cancelled, past its
    /// deadline), with who decided and when; null while it is open.
    /// </summary>
    public static ApprovalDecisionResult? Closed(ApprovalRecord record, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.IsDecided)
        {
            var winner = record.Decision!;
            return new ApprovalDecisionResult(ApprovalDecisionOutcome.AlreadyDecided, record,
                $"{winner.Approver} already {(winner.Approved ? "approved" : "rejected")} this at {winner.DecidedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}.");
        }

        return record.Status switch
        {
            ApprovalStatus.Expired => new ApprovalDecisionResult(ApprovalDecisionOutcome.Closed, record, "No decision came before the deadline, so the default applied."),
            ApprovalStatus.Cancelled => new ApprovalDecisionResult(ApprovalDecisionOutcome.Closed, record, record.ClosedReason ?? "The run is not waiting for this approval any more."),
            _ when now >= record.ExpiresAt => new ApprovalDecisionResult(ApprovalDecisionOutcome.Closed, record, "The deadline has passed; the run applies its default."),
            _ => null,
        };
    }

    private static (string? Edited, string? Problem) Edit(ApprovalRecord record, string? editedText)
    {
        var original = record.ToolName is not null ? record.ArgumentsJson : record.Details;
        if (string.IsNullOrWhiteSpace(editedText) || string.Equals(Normalize(editedText), Normalize(original), StringComparison.Ordinal))
        {
            return (null, null);
        }

        if (!record.AllowEdits)
        {
            return (null, "This approval does not allow edits; approve or reject it as it is.");
        }

        if (record.ToolName is not null)
        {
            try
            {
                using var document = JsonDocument.Parse(editedText);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, $"The edited arguments of '{record.ToolName}' must be a JSON object, like the original.");
                }
            }
            catch (JsonException e)
            {
                return (null, $"The edited arguments of '{record.ToolName}' are not valid JSON: {e.Message}");
            }
        }

        return (editedText, null);

        static string Normalize(string? text) => (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    private async Task<ApprovalRecord> RepairAsync(ApprovalRecord record, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (record.AwaitsDelivery && record.Decision!.DecidedAt + _options.DeliveryGrace <= now)
        {
            Log.DeliveringLostDecision(_logger, record.InstanceId, record.EventName, record.Decision.Approver);
            return await DeliverAsync(record, cancellationToken).ConfigureAwait(false);
        }

        if (record.Status == ApprovalStatus.Pending)
        {
            var instance = await _client.GetInstanceAsync(record.InstanceId, false, cancellationToken).ConfigureAwait(false);
            if (instance is null || instance.IsCompleted)
            {
                var reason = instance is null ? "The run no longer exists (it was purged)." : $"The run finished ({instance.RuntimeStatus}) before a decision.";
                return await CloseAsync(record, reason, now, cancellationToken).ConfigureAwait(false);
            }
        }

        return record;
    }

    private async Task<ApprovalRecord> DeliverAsync(ApprovalRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _client.RaiseEventAsync(record.InstanceId, record.EventName, record.Decision, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationFinishedException e)
        {
            return await CloseAsync(record, $"The run finished ({e.Status}) before the decision reached it.", _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationNotFoundException)
        {
            return await CloseAsync(record, "The run no longer exists (it was purged).", _time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        }

        var raisedAt = _time.GetUtcNow().UtcDateTime;
        return await _ledger.UpdateAsync(record.InstanceId, record.EventName, r => r.RaisedAt is null ? r with { RaisedAt = raisedAt } : null, cancellationToken).ConfigureAwait(false)
            ?? record;
    }

    private async Task<ApprovalRecord> CloseAsync(ApprovalRecord record, string reason, DateTime now, CancellationToken cancellationToken)
    {
        Log.ApprovalClosed(_logger, record.InstanceId, record.EventName, reason);
        return await _ledger.UpdateAsync(record.InstanceId, record.EventName, r =>
            r.Status == ApprovalStatus.Pending || r.AwaitsDelivery
                ? r with { Status = ApprovalStatus.Cancelled, ClosedAt = now, ClosedReason = reason }
                : null, cancellationToken).ConfigureAwait(false) ?? record;
    }
}
