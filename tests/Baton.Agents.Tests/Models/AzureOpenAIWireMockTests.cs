using System.Text.Json;
using Baton.Agents.Tests.Fakes;
using Baton.Durable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Baton.Agents.Tests.Models;

/// <summary>The real Azure.AI.OpenAI client against a WireMock server speaking Azure OpenAI chat completions.</summary>
public sealed class AzureOpenAIWireMockTests : IDisposable
{
    private const string Deployment = "gpt-4o-test";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static IRequestBuilder ChatRequest() =>
        Request.Create().UsingPost().WithPath($"/openai/deployments/{Deployment}/chat/completions");

    private static string Completion(string? content, string finish = "stop", string toolCalls = "", int prompt = 42, int completion = 7)
    {
        var text = content is null ? "null" : JsonSerializer.Serialize(content);
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1735689600,\"model\":\"gpt-4o-2024-08-06\"," +
               "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + text + toolCalls + "},\"finish_reason\":\"" + finish + "\"}]," +
               $"\"usage\":{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"total_tokens\":{prompt + completion}}}}}";
    }

    private static IResponseBuilder Ok(string body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("x-request-id", "req-ok").WithBody(body);

    private AgentTestHost Host(TimeProvider? time = null, Action<AgentsBuilder>? configure = null, int maxRetries = 3) => new(
        agents =>
        {
            agents.AddAgent(new AgentDefinition("writer", "You write short answers.", "writer"))
                .AddAgent(new AgentDefinition("weather", "You answer weather questions with tools.", "writer") { Tools = ["get_weather", "notify_team"] })
                .AddAgent(new AgentDefinition("classifier", "You classify tickets.", "writer") { OutputType = typeof(TicketLabel) })
                .AddTool(AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "Gets the weather."))
                .AddTool(AIFunctionFactory.Create((string text) => "sent", "notify_team", "Notifies the team."), requiresApproval: true, sideEffecting: true);
            configure?.Invoke(agents);
        },
        new Dictionary<string, string?>
        {
            ["Baton:Models:writer:Provider"] = "AzureOpenAI",
            ["Baton:Models:writer:Endpoint"] = _server.Url,
            ["Baton:Models:writer:Deployment"] = Deployment,
            ["Baton:Models:writer:ApiKey"] = "test-key",
            ["Baton:Models:writer:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Baton:Models:writer:InitialRetryDelay"] = "00:00:00.010",
            ["Baton:Prices:writer:InputPerMillionTokens"] = "2.5",
            ["Baton:Prices:writer:OutputPerMillionTokens"] = "10",
        },
        services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });

    private static Task<AgentReply> InvokeAsync(AgentTestHost host, string agent, string input) =>
        host.Context.CallActivityAsync<AgentReply>(AgentActivityNames.InvokeAgent, new AgentCall(agent, [AgentMessage.User(input)]));

    [Fact]
    public async Task InvokeAgent_PlainReply_ReturnsTextUsageCostModelAndFinishReason()
    {
        _server.Given(ChatRequest()).RespondWith(Ok(Completion("Hello from Azure")));
        using var host = Host();

        var reply = await InvokeAsync(host, "writer", "Say hello");

        Assert.Equal("Hello from Azure", reply.Text);
        Assert.Empty(reply.ToolCalls);
        Assert.Equal(new AgentUsage(42, 7, ((42 * 2.5m) + (7 * 10m)) / 1_000_000m), reply.Usage);
        Assert.Equal("gpt-4o-2024-08-06", reply.Model);
        Assert.Equal("stop", reply.FinishReason);
        var sent = Assert.Single(_server.LogEntries);
        Assert.Equal("test-key", sent.RequestMessage.Headers!["api-key"].Single());
        using var body = JsonDocument.Parse(sent.RequestMessage.Body!);
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("You write short answers.", messages[0].GetProperty("content").GetString());
        Assert.Equal("Say hello", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task InvokeAgent_ToolCallReply_ReturnsRequestsWithArgumentsAndApprovalFlags()
    {
        const string toolCalls = """
            ,"tool_calls":[
              {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\"}"}},
              {"id":"call_b","type":"function","function":{"name":"notify_team","arguments":"{\"text\":\"rain\"}"}}]
            """;
        _server.Given(ChatRequest()).RespondWith(Ok(Completion(null, "tool_calls", toolCalls)));
        using var host = Host();

        var reply = await InvokeAsync(host, "weather", "Weather in Oslo?");

        Assert.Equal("tool_calls", reply.FinishReason);
        Assert.Collection(
            reply.ToolCalls,
            call =>
            {
                Assert.Equal(("call_a", "get_weather", false), (call.CallId, call.ToolName, call.RequiresApproval));
                Assert.Equal("Oslo", JsonDocument.Parse(call.ArgumentsJson).RootElement.GetProperty("city").GetString());
            },
            call => Assert.Equal(("call_b", "notify_team", true, true), (call.CallId, call.ToolName, call.RequiresApproval, call.SideEffecting)));
        using var body = JsonDocument.Parse(_server.LogEntries.Single().RequestMessage.Body!);
        var offered = body.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Equal(["get_weather", "notify_team"], offered);
    }

    [Fact]
    public async Task InvokeAgent_StructuredOutput_SendsJsonSchemaAndValidatesTheAnswer()
    {
        _server.Given(ChatRequest()).RespondWith(Ok(Completion("""{"label":"Billing","confidence":0.9,"reasons":["invoice"]}""")));
        using var host = Host();

        var reply = await InvokeAsync(host, "classifier", "My invoice is wrong");

        Assert.Null(reply.StructuredOutputError);
        var label = JsonSerializer.Deserialize<TicketLabel>(reply.StructuredOutput!, StructuredOutputValidator.SerializerOptions)!;
        Assert.Equal(TicketCategory.Billing, label.Label);
        using var body = JsonDocument.Parse(_server.LogEntries.Single().RequestMessage.Body!);
        var format = body.RootElement.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("TicketLabel", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").TryGetProperty("label", out _));
    }

    [Fact]
    public async Task InvokeAgent_InvalidStructuredOutput_ReportsTheError()
    {
        _server.Given(ChatRequest()).RespondWith(Ok(Completion("""{"confidence":"high"}""")));
        using var host = Host();

        var reply = await InvokeAsync(host, "classifier", "My invoice is wrong");

        Assert.Null(reply.StructuredOutput);
        Assert.Contains("TicketLabel", reply.StructuredOutputError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAgent_429WithRetryAfterMs_WaitsTheAskedTimeOnTheTimeProviderThenSucceeds()
    {
        _server.Given(ChatRequest()).InScenario("throttle").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("retry-after-ms", "7000").WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"429","message":"Rate limit is exceeded."}}"""));
        _server.Given(ChatRequest()).InScenario("throttle").WhenStateIs("throttled").RespondWith(Ok(Completion("after the wait")));
        var time = new RecordingTimeProvider(new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        using var host = Host(time);

        var call = InvokeAsync(host, "writer", "hello");
        await Wait.UntilAsync(() => time.DueTimes.Contains(TimeSpan.FromSeconds(7)), "the retry waits 7 s");
        Assert.Single(_server.LogEntries);
        Assert.False(call.IsCompleted);
        time.Fake.Advance(TimeSpan.FromSeconds(7));
        var reply = await call;

        Assert.Equal("after the wait", reply.Text);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task InvokeAgent_500TwiceThenSuccess_RetriesAndSucceeds()
    {
        _server.Given(ChatRequest()).InScenario("flaky").WillSetStateTo("one")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"error":{"message":"boom"}}"""));
        _server.Given(ChatRequest()).InScenario("flaky").WhenStateIs("one").WillSetStateTo("two")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"error":{"message":"boom"}}"""));
        _server.Given(ChatRequest()).InScenario("flaky").WhenStateIs("two").RespondWith(Ok(Completion("third time lucky")));
        using var host = Host();

        var reply = await InvokeAsync(host, "writer", "hello");

        Assert.Equal("third time lucky", reply.Text);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task InvokeAgent_Permanent400_FailsOnceWithStatusAndRequestId()
    {
        _server.Given(ChatRequest()).RespondWith(Response.Create().WithStatusCode(400)
            .WithHeader("Content-Type", "application/json").WithHeader("apim-request-id", "apim-123")
            .WithBody("""{"error":{"code":"BadRequest","message":"Invalid parameter: messages"}}"""));
        using var host = Host();

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => InvokeAsync(host, "writer", "hello"));

        Assert.Single(_server.LogEntries);
        var details = failure.FailureDetails;
        Assert.True(details.IsCausedBy<ModelCallException>());
        Assert.Contains("400", details.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("apim-123", details.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("apim-123", details.Properties![ModelCallException.RequestIdProperty]);
        Assert.Equal("400", details.Properties[ModelCallException.StatusCodeProperty]);
        Assert.False(ModelCallException.IsTransientFailure(details));
    }

    [Fact]
    public async Task InvokeAgent_429BeyondRetries_FailsTransientWithTheRetryAfterHint()
    {
        _server.Given(ChatRequest()).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "120").WithHeader("x-request-id", "req-429"));
        using var host = Host();

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => InvokeAsync(host, "writer", "hello"));

        // 120 s is longer than the activity waits, so it fails at once and leaves the wait to the orchestration.
        Assert.Single(_server.LogEntries);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.FailureDetails.RetryAfter);
        Assert.True(ModelCallException.IsTransientFailure(failure.FailureDetails));
        Assert.Equal("req-429", failure.FailureDetails.Properties![ModelCallException.RequestIdProperty]);
        Assert.True(AgentRunOptions.DefaultAgentRetry.Retry!.Policy!.TryGetNextDelay(1, failure.FailureDetails, TimeSpan.Zero, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(120), delay);
    }

    [Fact]
    public async Task InvokeAgent_Traced_EmitsAChatSpanWithGenAiAttributes()
    {
        _server.Given(ChatRequest()).RespondWith(Ok(Completion("traced", prompt: 31, completion: 3)));
        using var host = Host();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        await InvokeAsync(host, "writer", "trace me");

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("gen_ai.usage.input_tokens"), 31L));
        Assert.Equal($"chat {Deployment}", span.DisplayName);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("azure.ai.openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(Deployment, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("gpt-4o-2024-08-06", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(3L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("writer", span.GetTagItem("gen_ai.agent.name"));
    }

    public enum TicketCategory
    {
        Billing,
        Technical,
        Other,
    }

    public sealed record TicketLabel(TicketCategory Label, double Confidence, IReadOnlyList<string> Reasons);
}
