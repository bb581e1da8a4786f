using Microsoft.Extensions.Logging;

namespace Baton.Http;

/// <summary>Baton.Http's log messages, with stable event ids (7000-7099). Tokens and keys are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information, "Instance {InstanceId}: approval {EventName} decided by {Approver} through its link: approved {Approved}.")]
    public static partial void DecisionRecorded(ILogger logger, string instanceId, string eventName, string approver, bool approved);

    [LoggerMessage(7001, LogLevel.Warning, "An approval link was refused: {Status} (instance {InstanceId}).")]
    public static partial void TokenRefused(ILogger logger, string status, string? instanceId);

    [LoggerMessage(7002, LogLevel.Warning, "Instance {InstanceId}: an approval form for {EventName} failed the anti-forgery check.")]
    public static partial void AntiforgeryFailed(ILogger logger, string instanceId, string eventName);
}
