namespace Baton.Host.Telemetry;

/// <summary>Where traces, metrics and logs go. Several may be on at once.</summary>
[Flags]
internal enum TelemetryExporters
{
    /// <summary>Nothing leaves the process (the default on a laptop).</summary>
    None = 0,

    /// <summary>OpenTelemetry protocol, to a collector, the Aspire dashboard, Jaeger and the like.</summary>
    Otlp = 1,

    /// <summary>Application Insights, with APPLICATIONINSIGHTS_CONNECTION_STRING.</summary>
    AzureMonitor = 2,

    /// <summary>Standard output, for a quick look.</summary>
    Console = 4,
}
