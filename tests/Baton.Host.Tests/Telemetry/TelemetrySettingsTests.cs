using Baton.Host.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Baton.Host.Tests.Telemetry;

public sealed class TelemetrySettingsTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://example.in.applicationinsights.azure.com/";

    [Fact]
    public void From_NothingConfigured_NoExporters()
    {
        var settings = TelemetrySettings.From(Configuration());

        Assert.Equal(TelemetryExporters.None, settings.Exporters);
        Assert.Equal("none", settings.Describe());
    }

    [Fact]
    public void From_ApplicationInsightsConnectionStringWithoutList_AzureMonitorOn()
    {
        var settings = TelemetrySettings.From(Configuration(("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString)));

        Assert.Equal(TelemetryExporters.AzureMonitor, settings.Exporters);
        Assert.Equal(ConnectionString, settings.AzureMonitorConnectionString);
    }

    [Fact]
    public void From_OtlpEndpointVariableWithoutList_OtlpOnWithThatEndpoint()
    {
        var settings = TelemetrySettings.From(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));

        Assert.Equal(TelemetryExporters.Otlp, settings.Exporters);
        Assert.Equal(new Uri("http://collector:4317"), settings.OtlpEndpoint);
    }

    [Fact]
    public void From_ListAsJsonArray_EveryExporterOn()
    {
        var settings = TelemetrySettings.From(Configuration(
            ("Baton:Telemetry:Exporters:0", "otlp"),
            ("Baton:Telemetry:Exporters:1", "AzureMonitor"),
            ("Baton:Telemetry:Exporters:2", "console"),
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString)));

        Assert.Equal(TelemetryExporters.Otlp | TelemetryExporters.AzureMonitor | TelemetryExporters.Console, settings.Exporters);
    }

    [Theory]
    [InlineData("console", "Console")]
    [InlineData("otlp,console", "Otlp, Console")]
    [InlineData(" OTLP ; Console ", "Otlp, Console")]
    [InlineData("none", "None")]
    public void From_ListAsOneString_ParsedCaseInsensitively(string value, string expected)
    {
        var settings = TelemetrySettings.From(Configuration(("Baton:Telemetry:Exporters", value)));

        Assert.Equal(Enum.Parse<TelemetryExporters>(expected), settings.Exporters);
    }

    [Fact]
    public void From_ExplicitNone_WinsOverTheConnectionString()
    {
        var settings = TelemetrySettings.From(Configuration(
            ("Baton:Telemetry:Exporters", "none"),
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString)));

        Assert.Equal(TelemetryExporters.None, settings.Exporters);
    }

    [Fact]
    public void From_ListWithoutAzureMonitor_ConnectionStringDoesNotTurnItOn()
    {
        var settings = TelemetrySettings.From(Configuration(
            ("Baton:Telemetry:Exporters", "console"),
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString)));

        Assert.Equal(TelemetryExporters.Console, settings.Exporters);
    }

    [Fact]
    public void From_BatonOtlpEndpoint_WinsOverTheVariable()
    {
        var settings = TelemetrySettings.From(Configuration(
            ("Baton:Telemetry:Exporters", "otlp"),
            ("Baton:Telemetry:OtlpEndpoint", "http://baton-collector:4317"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://other:4317")));

        Assert.Equal(new Uri("http://baton-collector:4317"), settings.OtlpEndpoint);
        Assert.Equal("otlp (http://baton-collector:4317)", settings.Describe());
    }

    [Fact]
    public void From_UnknownExporter_ThrowsNamingItAndTheChoices()
    {
        var error = Assert.Throws<TelemetryConfigurationException>(() => TelemetrySettings.From(Configuration(("Baton:Telemetry:Exporters", "otlp,zipkin"))));

        Assert.Contains("'zipkin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("otlp, azuremonitor, console", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_AzureMonitorWithoutConnectionString_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<TelemetryConfigurationException>(() => TelemetrySettings.From(Configuration(("Baton:Telemetry:Exporters", "azuremonitor"))));

        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_EndpointNotAUrl_Throws()
    {
        Assert.Throws<TelemetryConfigurationException>(() => TelemetrySettings.From(Configuration(("Baton:Telemetry:OtlpEndpoint", "collector:4317"))));
    }

    [Fact]
    public void DescribeAndToString_AzureMonitorOn_NeverShowTheConnectionString()
    {
        var settings = TelemetrySettings.From(Configuration(("APPLICATIONINSIGHTS_CONNECTION_STRING", ConnectionString)));

        Assert.Equal("azuremonitor", settings.Describe());
        Assert.DoesNotContain("InstrumentationKey", settings.ToString(), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
