using Baton.Agents;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>
/// The audit trail, from the approvals ledger (never from run histories, where anyone who may raise an event could
/// write any name): for every approval asked within a time range, its decision with the channel and any edit, the
/// default at the deadline or the cancellation, and every refused decision; newest first, at most
/// <see cref="DashboardOptions.MaxRunsScanned"/> approvals.
/// </summary>
internal sealed class ApprovalAuditReader(IApprovalLedger ledger, IOptions<DashboardOptions> options)
{
    public async Task<(IReadOnlyList<ApprovalAuditEntry> Entries, bool Truncated)> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var records = await ledger.ListAsync(new ApprovalLedgerQuery(RequestedFrom: from?.UtcDateTime), cancellationToken);
        var inRange = records.Where(r => to is null || r.RequestedAt <= to.Value.UtcDateTime).OrderByDescending(r => r.RequestedAt).ToList();
        var truncated = inRange.Count > options.Value.MaxRunsScanned;
        var entries = inRange.Take(options.Value.MaxRunsScanned).SelectMany(Read);
        return ([.. entries.OrderByDescending(e => e.At)], truncated);
    }

    internal static IEnumerable<ApprovalAuditEntry> Read(ApprovalRecord record)
    {
        var workflow = record.Workflow ?? string.Empty;
        foreach (var refusal in record.Refusals)
        {
            yield return new ApprovalAuditEntry(record.InstanceId, workflow, record.EventName, record.Title, "refused", refusal.Approver, refusal.At, refusal.Reason, refusal.Channel, null);
        }

        if (record.Decision is { } decision && record.Status != ApprovalStatus.Pending)
        {
            var outcome = record.Status switch
            {
                ApprovalStatus.Expired => "expired",
                _ => decision.Approved ? "approved" : "rejected",
            };
            yield return new ApprovalAuditEntry(record.InstanceId, workflow, record.EventName, record.Title, outcome, decision.Approver, decision.DecidedAt, decision.Comment, decision.Channel, decision.EditedText);
        }

        if (record.Status is ApprovalStatus.Cancelled or ApprovalStatus.Expired && record.ClosedAt is { } closedAt && (record.Decision is null || record.Status == ApprovalStatus.Cancelled))
        {
            yield return new ApprovalAuditEntry(record.InstanceId, workflow, record.EventName, record.Title, record.Status.ToString().ToLowerInvariant(), string.Empty, closedAt, record.ClosedReason, null, null);
        }
    }
}
