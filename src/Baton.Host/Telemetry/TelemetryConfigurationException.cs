namespace Baton.Host.Telemetry;

/// <summary>The telemetry settings cannot be used as given; the message says which setting to change and how.</summary>
internal sealed class TelemetryConfigurationException(string message) : InvalidOperationException(message);
