using Baton.Agents;
using Microsoft.Extensions.Logging;

namespace Baton.Approvals;

/// <summary>Baton.Approvals' log messages, with stable event ids (6400-6449). Links and tokens are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(6400, LogLevel.Information, "Approval {Kind} '{Title}' for instance {InstanceId} (event {EventName}) sent through {Channel} to {Count} approver(s).")]
    public static partial void ApprovalSent(ILogger logger, ApprovalNotificationKind kind, string title, string instanceId, string eventName, string channel, int count);

    [LoggerMessage(6401, LogLevel.Warning, "Approval {Kind} '{Title}' for instance {InstanceId} (event {EventName}) could not be sent through {Channel}.")]
    public static partial void ApprovalSendFailed(ILogger logger, Exception exception, ApprovalNotificationKind kind, string title, string instanceId, string eventName, string channel);

    [LoggerMessage(6402, LogLevel.Warning, "Approval {Kind} '{Title}' for instance {InstanceId} (event {EventName}) reached no approver: no approval channel is enabled. Enable the outbox, or set Baton:Smtp:Host or Baton:Teams:WebhookUrl.")]
    public static partial void NoChannelEnabled(ILogger logger, ApprovalNotificationKind kind, string title, string instanceId, string eventName);

    [LoggerMessage(6410, LogLevel.Information, "Approval email for {Approver} written to the outbox as {Path}.")]
    public static partial void OutboxWritten(ILogger logger, string approver, string path);

    [LoggerMessage(6420, LogLevel.Debug, "Approval email for {Approver} sent over SMTP to {Host}:{Port}.")]
    public static partial void SmtpSent(ILogger logger, string approver, string host, int port);

    [LoggerMessage(6430, LogLevel.Debug, "Approval card for {Approver} posted to Teams: HTTP {Status}.")]
    public static partial void TeamsPosted(ILogger logger, string approver, int status);

    [LoggerMessage(6440, LogLevel.Information, "Approvals sweep: {Delivered} lost decision(s) delivered, {Closed} approval(s) of ended runs closed.")]
    public static partial void SweepRepaired(ILogger logger, int delivered, int closed);

    [LoggerMessage(6441, LogLevel.Warning, "Approvals sweep failed; it runs again at the next interval.")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
