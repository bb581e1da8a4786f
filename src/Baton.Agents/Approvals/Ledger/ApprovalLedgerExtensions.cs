namespace Baton.Agents;

/// <summary>Read-change-replace on an <see cref="IApprovalLedger"/>, retried while other writers get there first.</summary>
public static class ApprovalLedgerExtensions
{
    private const int MaxAttempts = 50;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored record and replaces it under its ETag, reading again and
    /// re-applying after every conflict. <paramref name="change"/> returns null to leave the record as it is; it may run
    /// more than once, so it must only compute. Returns the stored record afterwards, or null when there is none.
    /// </summary>
    public static async Task<ApprovalRecord?> UpdateAsync(
        this IApprovalLedger ledger,
        string instanceId,
        string eventName,
        Func<ApprovalRecord, ApprovalRecord?> change,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = await ledger.GetAsync(instanceId, eventName, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return null;
            }

            if (change(current) is not { } changed || changed == current)
            {
                return current;
            }

            if (await ledger.TryReplaceAsync(changed with { ETag = current.ETag }, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException(
                    $"The approval record '{eventName}' of instance '{instanceId}' kept changing under {MaxAttempts} attempts to update it; try again.");
            }
        }
    }
}
