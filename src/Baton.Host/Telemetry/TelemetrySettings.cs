using Microsoft.Extensions.Configuration;

namespace Baton.Host.Telemetry;

/// <summary>
/// The exporters chosen by configuration. <c>Baton:Telemetry:Exporters</c> is a list (or a comma-separated string) of
/// <c>otlp</c>, <c>azuremonitor</c>, <c>console</c> or <c>none</c>. Without it, Azure Monitor is on when
/// APPLICATIONINSIGHTS_CONNECTION_STRING is set and OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise nothing
/// is exported.
/// </summary>
/// <param name="Exporters">The exporters that are on.</param>
/// <param name="OtlpEndpoint">The OTLP endpoint set by Baton:Telemetry:OtlpEndpoint or OTEL_EXPORTER_OTLP_ENDPOINT; null for the exporter's default.</param>
/// <param name="AzureMonitorConnectionString">The Application Insights connection string; a secret, never logged.</param>
internal sealed record TelemetrySettings(TelemetryExporters Exporters, Uri? OtlpEndpoint, string? AzureMonitorConnectionString)
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Baton:Telemetry";

    /// <summary>The standard OTLP endpoint variable, read by the exporter too.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard Application Insights connection string variable.</summary>
    public const string ApplicationInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Reads the settings; throws <see cref="TelemetryConfigurationException"/> for an unknown exporter, a bad endpoint, or Azure Monitor without a connection string.</summary>
    public static TelemetrySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var connectionString = NonEmpty(section["AzureMonitorConnectionString"]) ?? NonEmpty(configuration[ApplicationInsightsVariable]);
        var endpointText = NonEmpty(section["OtlpEndpoint"]) ?? NonEmpty(configuration[OtlpEndpointVariable]);
        Uri? endpoint = null;
        if (endpointText is not null && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new TelemetryConfigurationException($"The OTLP endpoint '{endpointText}' is not an http or https URL. Set {SectionName}:OtlpEndpoint or {OtlpEndpointVariable} to e.g. http://localhost:4317.");
        }

        var listed = Listed(section.GetSection("Exporters"));
        TelemetryExporters exporters;
        if (listed.Count == 0)
        {
            exporters = (connectionString is null ? TelemetryExporters.None : TelemetryExporters.AzureMonitor)
                | (endpoint is null ? TelemetryExporters.None : TelemetryExporters.Otlp);
        }
        else
        {
            exporters = listed.Aggregate(TelemetryExporters.None, (all, name) => all | Parse(name));
        }

        if (exporters.HasFlag(TelemetryExporters.AzureMonitor) && connectionString is null)
        {
            throw new TelemetryConfigurationException($"{SectionName}:Exporters has azuremonitor but no connection string is set. Set {ApplicationInsightsVariable} to the Application Insights connection string, or remove azuremonitor.");
        }

        return new TelemetrySettings(exporters, endpoint, connectionString);
    }

    /// <summary>What is on, for the start-up log: exporter names and the OTLP address, never the connection string.</summary>
    public string Describe()
    {
        if (Exporters == TelemetryExporters.None)
        {
            return "none";
        }

        var parts = new List<string>();
        if (Exporters.HasFlag(TelemetryExporters.Otlp))
        {
            parts.Add(OtlpEndpoint is null ? "otlp (default endpoint)" : $"otlp ({OtlpEndpoint.GetLeftPart(UriPartial.Authority)})");
        }

        if (Exporters.HasFlag(TelemetryExporters.AzureMonitor))
        {
            parts.Add("azuremonitor");
        }

        if (Exporters.HasFlag(TelemetryExporters.Console))
        {
            parts.Add("console");
        }

        return string.Join(", ", parts);
    }

    /// <summary>The same as <see cref="Describe"/>, so that the connection string never reaches a log by accident.</summary>
    public override string ToString() => Describe();

    private static List<string> Listed(IConfigurationSection exporters)
    {
        // A JSON array arrives as children, an environment variable as one comma-separated value.
        var values = exporters.GetChildren().Select(c => c.Value).ToList();
        if (values.Count == 0)
        {
            values.Add(exporters.Value);
        }

        return values
            .SelectMany(v => (v ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }

    private static TelemetryExporters Parse(string name) => name.ToUpperInvariant() switch
    {
        "NONE" => TelemetryExporters.None,
        "OTLP" => TelemetryExporters.Otlp,
        "AZUREMONITOR" or "APPLICATIONINSIGHTS" => TelemetryExporters.AzureMonitor,
        "CONSOLE" => TelemetryExporters.Console,
        _ => throw new TelemetryConfigurationException($"{SectionName}:Exporters has '{name}', which is not an exporter. Use any of otlp, azuremonitor, console, or none."),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
