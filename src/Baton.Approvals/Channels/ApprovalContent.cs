using System.Globalization;
using Baton.Agents;

namespace Baton.Approvals;

/// <summary>The words every channel shows for an approval message, so that email, outbox and Teams say the same thing.</summary>
internal static class ApprovalContent
{
    public const int ExcerptLength = 800;

    public static string Subject(ApprovalMessage message) => message.Notification.Kind switch
    {
        ApprovalNotificationKind.Reminder => $"Reminder {message.Notification.Sequence.ToString(CultureInfo.InvariantCulture)}: approval needed: {message.Request.Title}",
        ApprovalNotificationKind.Escalated => $"Escalated: approval needed: {message.Request.Title}",
        _ => $"Approval needed: {message.Request.Title}",
    };

    public static string? KindLine(ApprovalMessage message) => message.Notification.Kind switch
    {
        ApprovalNotificationKind.Reminder => $"This is reminder {message.Notification.Sequence.ToString(CultureInfo.InvariantCulture)}: the request below is still waiting for a decision.",
        ApprovalNotificationKind.Escalated => "This request was escalated to you: the first approvers have not decided yet.",
        _ => null,
    };

    public static string RequestedBy(ApprovalRequest request) =>
        request.AgentName is { Length: > 0 } agent
            ? $"agent {agent} in run {request.InstanceId}"
            : $"run {request.InstanceId}";

    public static string Utc(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>What is asked: the details, or the tool call and its arguments, cut to <see cref="ExcerptLength"/> characters.</summary>
    public static string? Excerpt(ApprovalRequest request)
    {
        var text = request.ToolName is { Length: > 0 } tool
            ? $"Tool {tool} with arguments {request.ArgumentsJson ?? "{}"}" + (request.Details is { Length: > 0 } d ? "\n\n" + d : string.Empty)
            : request.Details;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Length <= ExcerptLength ? text : string.Concat(text.AsSpan(0, ExcerptLength), "…");
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Facts(ApprovalMessage message)
    {
        var request = message.Request;
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Approver", message.Approver),
            new("Requested by", RequestedBy(request)),
            new("Requested at", Utc(request.RequestedAt)),
            new("Valid until", Utc(request.ExpiresAt)),
            new("Kind", request.Kind),
        };
        if (request.ToolName is { Length: > 0 } tool)
        {
            facts.Add(new("Tool", tool));
        }

        return facts;
    }
}
