namespace Baton.Dashboard;

/// <summary>
/// What a run's custom status says, read leniently from the workflow status shape (state, step, spend with its
/// per-agent totals, pending approval event). Every field is optional: runs of other orchestrations show blanks.
/// </summary>
internal sealed record RunStatusView(string? State, string? Step, RunSpendView Spend, string? PendingApprovalEvent)
{
    public static RunStatusView Empty { get; } = new(null, null, RunSpendView.None, null);

    public static RunStatusView Read(string? customStatus)
    {
        var root = JsonPayload.Parse(customStatus);
        if (root is not { ValueKind: System.Text.Json.JsonValueKind.Object })
        {
            return root is { ValueKind: System.Text.Json.JsonValueKind.String } text ? Empty with { Step = text.GetString() } : Empty;
        }

        return new RunStatusView(
            root.String("state"),
            root.String("step"),
            RunSpendView.Read(root.Property("spend")),
            root.String("pendingApprovalEvent"));
    }
}
