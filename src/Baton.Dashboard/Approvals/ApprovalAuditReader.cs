using Baton.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Dashboard;

/// <summary>
/// The audit trail: every raised event in the runs created within a time range whose payload is an approval decision
/// (approved, approver), newest decision first. Reads at most <see cref="DashboardOptions.MaxRunsScanned"/> runs.
/// </summary>
internal sealed class ApprovalAuditReader(DurableTaskClient client, IOptions<DashboardOptions> options, ILogger<ApprovalAuditReader> logger)
{
    public async Task<(IReadOnlyList<ApprovalAuditEntry> Entries, bool Truncated)> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var entries = new List<ApprovalAuditEntry>();
        var scanned = 0;
        var truncated = false;
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery(CreatedFrom: from, CreatedTo: to), cancellationToken))
        {
            if (++scanned > options.Value.MaxRunsScanned)
            {
                truncated = true;
                Log.ScanLimitReached(logger, options.Value.MaxRunsScanned);
                break;
            }

            var history = await client.GetInstanceHistoryAsync(instance.InstanceId, cancellationToken) ?? [];
            foreach (var e in history.Where(e => e.EventType == HistoryEventType.EventRaised && e.Name is not null))
            {
                if (Read(instance, e) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        return ([.. entries.OrderByDescending(e => e.DecidedAt)], truncated);
    }

    internal static ApprovalAuditEntry? Read(OrchestrationMetadata instance, HistoryEvent raised)
    {
        var payload = JsonPayload.Parse(raised.Input);
        if (payload.Bool("approved") is not { } approved || payload.String("approver") is not { } approver)
        {
            return null;
        }

        return new ApprovalAuditEntry(instance.InstanceId, instance.Name, raised.Name!, approved, approver, payload.Time("decidedAt") ?? raised.Timestamp, payload.String("comment"));
    }
}
