using Azure.Monitor.OpenTelemetry.Exporter;
using Baton.Agents;
using Baton.Durable.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Baton.Host.Telemetry;

/// <summary>Registers OpenTelemetry for the host: Baton's traces and metrics, sent to the exporters configuration chooses.</summary>
internal static class BatonTelemetryServiceCollectionExtensions
{
    /// <summary>Every Baton ActivitySource and Meter: the engine, the agents, and any later <c>Baton.*</c> layer.</summary>
    public static readonly IReadOnlyList<string> SourceNames = [DurableTelemetry.SourceName, AgentTelemetry.SourceName, "Baton.*"];

    /// <summary>The Meters subscribed to.</summary>
    public static readonly IReadOnlyList<string> MeterNames = [DurableTelemetry.MeterName, "Baton.*"];

    /// <summary>
    /// Adds tracing for Baton's sources and metrics for Baton's meters, with the exporters of
    /// <see cref="TelemetrySettings.From"/>, and logs exported to OTLP and Azure Monitor when those are on. Nothing is
    /// exported when no exporter is configured. <paramref name="tracing"/> and <paramref name="metrics"/> add to the
    /// providers (an in-memory exporter, say). Throws <see cref="TelemetryConfigurationException"/> for bad settings.
    /// </summary>
    public static IServiceCollection AddBatonTelemetry(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<TracerProviderBuilder>? tracing = null,
        Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddHostedService<TelemetryStartupLog>();

        var otlp = settings.Exporters.HasFlag(TelemetryExporters.Otlp);
        var azureMonitor = settings.Exporters.HasFlag(TelemetryExporters.AzureMonitor);
        var console = settings.Exporters.HasFlag(TelemetryExporters.Console);
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : "baton-host";

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(traces =>
            {
                foreach (var source in SourceNames)
                {
                    traces.AddSource(source);
                }

                if (otlp)
                {
                    traces.AddOtlpExporter(o => Endpoint(o, settings));
                }

                if (azureMonitor)
                {
                    traces.AddAzureMonitorTraceExporter(o => o.ConnectionString = settings.AzureMonitorConnectionString);
                }

                if (console)
                {
                    traces.AddConsoleExporter();
                }

                tracing?.Invoke(traces);
            })
            .WithMetrics(meters =>
            {
                foreach (var meter in MeterNames)
                {
                    meters.AddMeter(meter);
                }

                if (otlp)
                {
                    meters.AddOtlpExporter(o => Endpoint(o, settings));
                }

                if (azureMonitor)
                {
                    meters.AddAzureMonitorMetricExporter(o => o.ConnectionString = settings.AzureMonitorConnectionString);
                }

                if (console)
                {
                    meters.AddConsoleExporter();
                }

                metrics?.Invoke(meters);
            });

        // Logs already reach the console through the host's own logger; only remote backends get an exporter.
        if (otlp || azureMonitor)
        {
            builder.WithLogging(logs =>
            {
                if (otlp)
                {
                    logs.AddOtlpExporter(o => Endpoint(o, settings));
                }

                if (azureMonitor)
                {
                    logs.AddAzureMonitorLogExporter(o => o.ConnectionString = settings.AzureMonitorConnectionString);
                }
            });
        }

        return services;
    }

    private static void Endpoint(OpenTelemetry.Exporter.OtlpExporterOptions options, TelemetrySettings settings)
    {
        // Without an explicit endpoint the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT and the protocol variables itself.
        if (settings.OtlpEndpoint is { } endpoint)
        {
            options.Endpoint = endpoint;
        }
    }
}
