using System.Collections.Concurrent;
using Baton.Agents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Approvals.Tests;

internal static class TestSetup
{
    public const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // base64 of 32 ASCII bytes

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static IOptions<ApprovalOptions> Options(string? outbox = null, string key = Key) =>
        Microsoft.Extensions.Options.Options.Create(new ApprovalOptions
        {
            SigningKey = key,
            PublicBaseUrl = "https://baton.example.com/",
            OutboxDirectory = outbox ?? Path.Combine(Path.GetTempPath(), "baton-outbox-" + Guid.NewGuid().ToString("N")),
        });

    public static ApprovalNotification Notification(
        ApprovalNotificationKind kind = ApprovalNotificationKind.Requested,
        int sequence = 1,
        params string[] approvers)
    {
        string[] recipients = approvers.Length == 0 ? ["alice@example.com"] : approvers;
        var request = new ApprovalRequest(
            "req1",
            "run-42",
            "approval-req1",
            "Send the refund email",
            recipients,
            Now.UtcDateTime,
            Now.UtcDateTime.AddDays(2))
        {
            ToolName = "send_email",
            ArgumentsJson = """{"to":"customer@example.com","subject":"Your refund"}""",
            AgentName = "support-agent",
            Kind = "tool-call",
            Details = "The agent wants to tell the customer <b>their refund</b> is on its way.",
        };
        return new ApprovalNotification(request, kind, recipients, sequence);
    }
}

internal sealed class RecordingConsole : IApprovalConsole
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void WriteLine(string line) => Lines.Enqueue(line);
}
