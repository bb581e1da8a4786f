using Microsoft.Extensions.Logging;

namespace Baton.Workflows;

/// <summary>Publishing's log messages (5050-5059). None carries the webhook address.</summary>
internal static partial class Log
{
    [LoggerMessage(5050, LogLevel.Information, "Instance {InstanceId}: report {Location} announced in Teams (HTTP {StatusCode}).")]
    public static partial void ReportAnnounced(ILogger logger, string instanceId, string location, int statusCode);

    [LoggerMessage(5051, LogLevel.Warning, "Instance {InstanceId}: report {Location} was published but not announced: {Error}")]
    public static partial void ReportAnnouncementFailed(ILogger logger, string instanceId, string location, string error);
}
