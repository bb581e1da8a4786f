using Baton.Agents;

namespace Baton.Dashboard;

/// <summary>
/// The default <see cref="IPendingApprovalSource"/>: every pending record of the approvals ledger whose deadline has
/// not passed, of every kind (reports, sign-offs, tool calls, budget increases), oldest first. Reads no history.
/// </summary>
internal sealed class LedgerPendingApprovalSource(IApprovalLedger ledger, TimeProvider time) : IPendingApprovalSource
{
    public async Task<IReadOnlyList<DashboardPendingApproval>> GetPendingAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var records = await ledger.ListAsync(new ApprovalLedgerQuery([ApprovalStatus.Pending]), cancellationToken);
        return [.. records.Where(r => r.ExpiresAt > now).Select(Describe)];
    }

    internal static DashboardPendingApproval Describe(ApprovalRecord record) =>
        new(record.InstanceId, record.Workflow ?? string.Empty, record.EventName, record.Title, [.. record.Deciders], record.RequestedAt, record.ExpiresAt)
        {
            Kind = record.Kind,
            ToolName = record.ToolName,
            AgentName = record.AgentName,
            AllowEdits = record.AllowEdits,
            Editable = record.ToolName is not null ? record.ArgumentsJson : record.Details,
            Excerpt = Excerpt(record.ToolName is not null ? record.ArgumentsJson : record.Details),
        };

    internal static string? Excerpt(string? text, int length = 240)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= length ? flat : flat[..length].TrimEnd() + "…";
    }
}
