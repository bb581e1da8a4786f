using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Host.Telemetry;

/// <summary>Says at start which telemetry exporters are on (names and OTLP address only, never a connection string).</summary>
internal sealed class TelemetryStartupLog(TelemetrySettings settings, ILogger<TelemetryStartupLog> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.TelemetryExporters(logger, settings.Describe());
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
