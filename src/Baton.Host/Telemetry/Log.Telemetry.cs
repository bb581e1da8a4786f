using Microsoft.Extensions.Logging;

namespace Baton.Host;

/// <content>The telemetry messages.</content>
internal static partial class Log
{
    [LoggerMessage(7150, LogLevel.Information, "Telemetry exporters: {Exporters} (Baton:Telemetry:Exporters: otlp, azuremonitor, console).")]
    public static partial void TelemetryExporters(ILogger logger, string exporters);
}
