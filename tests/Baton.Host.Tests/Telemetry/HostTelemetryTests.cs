using Baton.Testing;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Baton.Host.Tests.Telemetry;

/// <summary>The host on the in-memory store with its spans captured by OpenTelemetry's in-memory exporter.</summary>
public sealed partial class HostTelemetryTests
{
    private const string Key = "telemetry-test-host-key-5c1f0e";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_ApprovedThroughLink_OneTracePerRunTokensOnLlmSpansAndNoSecrets()
    {
        var spans = new List<Activity>();
        var logs = new CapturedLogs();
        var app = Build(logs, spans, new() { ["Baton:Host:Keys"] = Key });
        await app.StartAsync();
        string id;
        string token;
        try
        {
            using var http = Client(app);
            id = await StartResearchAsync(http);
            var waiting = await StatusUntilAsync(http, id, s => s.GetProperty("customStatus") is { ValueKind: JsonValueKind.Object } c && c.GetProperty("state").GetString() == "AwaitingApproval");
            token = Token(app, waiting);
            using var approve = await http.PostAsJsonAsync("/api/approvals/" + token, new { approved = true, comment = "Ship it." });
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
            var finished = await StatusUntilAsync(http, id, s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated");
            Assert.Equal("Completed", finished.GetProperty("runtimeStatus").GetString());
        }
        finally
        {
            // Stopping disposes the tracer provider, so every ended span has been exported when the asserts run.
            await app.StopAsync();
            await app.DisposeAsync();
        }

        var durable = spans.Where(s => s.Source.Name == DurableTelemetry.SourceName && Equals(s.GetTagItem("baton.instance_id"), id)).ToList();
        Assert.True(durable.Count >= 3, $"Expected the run's steps and activities as spans, got {durable.Count} of {spans.Count}: " + string.Join("; ", spans.Take(20).Select(s => s.Source.Name + " " + s.DisplayName + " " + s.GetTagItem("baton.instance_id"))));
        var traceId = Assert.Single(durable.Select(s => s.TraceId).Distinct());
        Assert.Contains(durable, s => s.DisplayName.StartsWith("activity ", StringComparison.Ordinal));

        var chats = spans.Where(s => s.Source.Name == AgentTelemetry.SourceName && Equals(s.GetTagItem("gen_ai.operation.name"), "chat") && Equals(s.GetTagItem("baton.instance_id"), id)).ToList();
        Assert.NotEmpty(chats);
        Assert.All(chats, chat =>
        {
            Assert.Equal(traceId, chat.TraceId);
            Assert.True(Convert.ToInt64(chat.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture) > 0, "input tokens");
            Assert.True(Convert.ToInt64(chat.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture) > 0, "output tokens");
            Assert.NotNull(chat.GetTagItem("gen_ai.request.model"));
        });

        Assert.StartsWith("eyJ", token, StringComparison.Ordinal);
        Assert.Contains('.', token);
        var texts = spans.SelectMany(SpanTexts).Concat(logs.Messages).ToList();
        Assert.Contains(texts, t => t.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(token, StringComparison.Ordinal) || t.Contains(token.Split('.')[^1], StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => ApprovalTokenShape().IsMatch(t));
    }

    [Fact]
    public async Task Start_ExportersConfigured_LogSaysWhichAreOnWithoutTheConnectionString()
    {
        var logs = new CapturedLogs();
        var app = Build(logs, [], new()
        {
            ["Baton:Telemetry:Exporters"] = "otlp,console,azuremonitor",
            ["Baton:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317",
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000002",
        });
        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Contains(logs.Messages, m => m.Contains("Telemetry exporters: otlp (http://127.0.0.1:4317), azuremonitor, console", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("InstrumentationKey", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+")]
    private static partial Regex ApprovalTokenShape();

    private static WebApplication Build(CapturedLogs logs, List<Activity> spans, Dictionary<string, string?> extra)
    {
        var data = Path.Combine(Path.GetTempPath(), "baton-host-tests", "telemetry-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Baton:Host:Store"] = "memory",
            ["Baton:Host:DataDirectory"] = data,
            ["Baton:Approvals:DataDirectory"] = data,
            ["Baton:Approvals:OutboxDirectory"] = Path.Combine(data, "outbox"),
            ["Baton:Approvals:SigningKey"] = "test-signing-key-that-is-at-least-32-bytes-long",
            ["Baton:Schedules:0:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Baton"] = "Trace",
        };
        foreach (var (name, value) in extra)
        {
            settings[name] = value;
        }

        return BatonWebHost.Build(new HostCommandLine(false, false, true, 0, []), settings, logging: logging =>
        {
            logging.AddProvider(logs);
            logging.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        });
    }

    private static HttpClient Client(WebApplication app)
    {
        var url = BatonWebHost.ListeningUrl(app.Services.GetRequiredService<IServer>())!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add(HostKeys.HeaderName, Key);
        return http;
    }

    private static async Task<string> StartResearchAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/api/workflows/research-report", new { topic = "Competitor pricing changes in Q3", approvers = new[] { "ann@example.com" } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> StatusUntilAsync(HttpClient http, string id, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var body = await http.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances/" + id);
            if (done(body))
            {
                return body;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out; last status {body}.");
            }

            await Task.Delay(50);
        }
    }

    private static string Token(WebApplication app, JsonElement waiting)
    {
        var eventName = waiting.GetProperty("customStatus").GetProperty("pendingApprovalEvent").GetString()!;
        return app.Services.GetRequiredService<IApprovalTokenService>()
            .Create(new ApprovalTokenClaims(waiting.GetProperty("instanceId").GetString()!, eventName, "ann@example.com", DateTimeOffset.UtcNow.AddDays(1), Guid.NewGuid().ToString("N")));
    }

    private static IEnumerable<string> SpanTexts(Activity span)
    {
        yield return span.DisplayName;
        yield return span.StatusDescription ?? string.Empty;
        foreach (var tag in span.TagObjects)
        {
            yield return $"{tag.Key}={Flatten(tag.Value)}";
        }

        foreach (var e in span.Events)
        {
            yield return e.Name;
            foreach (var tag in e.Tags)
            {
                yield return $"{tag.Key}={Flatten(tag.Value)}";
            }
        }

        foreach (var item in span.Baggage)
        {
            yield return $"{item.Key}={item.Value}";
        }
    }

    private static string Flatten(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
