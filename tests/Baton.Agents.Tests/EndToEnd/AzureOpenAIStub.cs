using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Baton.Agents.Tests.EndToEnd;

/// <summary>
/// A WireMock server speaking Azure OpenAI chat completions for one deployment: it answers a script of replies in
/// order (the last one repeats) and exposes the request bodies it received.
/// </summary>
internal sealed class AzureOpenAIStub : IDisposable
{
    public const string Deployment = "gpt-4o-e2e";
    public const string ModelKey = "azure";

    private readonly WireMockServer _server = WireMockServer.Start();

    private static string ChatPath => $"/openai/deployments/{Deployment}/chat/completions";

    /// <summary>The configuration that points model key <see cref="ModelKey"/> at this server through the real Azure OpenAI client.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Baton:Models:{ModelKey}:Provider"] = "AzureOpenAI",
        [$"Baton:Models:{ModelKey}:Endpoint"] = _server.Url,
        [$"Baton:Models:{ModelKey}:Deployment"] = Deployment,
        [$"Baton:Models:{ModelKey}:ApiKey"] = "e2e-key",
        [$"Baton:Models:{ModelKey}:MaxRetries"] = "0",
    };

    /// <summary>The bodies of the chat-completion requests received, in order.</summary>
    public IReadOnlyList<JsonDocument> ChatRequests =>
        [.. _server.LogEntries
            .Where(e => e.RequestMessage.Path == ChatPath)
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => JsonDocument.Parse(e.RequestMessage.Body!))];

    /// <summary>Answers the n-th chat-completion request with the n-th body; later requests get the last one.</summary>
    public void Script(params string[] bodies)
    {
        for (var i = 0; i < bodies.Length; i++)
        {
            var given = _server.Given(Request.Create().UsingPost().WithPath(ChatPath)).InScenario("script");
            if (i > 0)
            {
                given = given.WhenStateIs($"after-{i}");
            }

            if (i < bodies.Length - 1)
            {
                given = given.WillSetStateTo($"after-{i + 1}");
            }

            given.RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("x-request-id", $"req-{i + 1}")
                .WithBody(bodies[i]));
        }
    }

    /// <summary>A completion whose message is plain text.</summary>
    public static string Answer(string text) => Completion(JsonSerializer.Serialize(text), string.Empty, "stop");

    /// <summary>A completion that asks for one tool call.</summary>
    public static string ToolCall(string callId, string tool, object arguments)
    {
        var call = JsonSerializer.Serialize(new[]
        {
            new { id = callId, type = "function", function = new { name = tool, arguments = JsonSerializer.Serialize(arguments) } },
        });
        return Completion("null", ",\"tool_calls\":" + call, "tool_calls");
    }

    public void Dispose() => _server.Stop();

    private static string Completion(string contentJson, string toolCalls, string finish) =>
        "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion\",\"created\":1735689600,\"model\":\"gpt-4o-2024-08-06\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + contentJson + toolCalls + "},\"finish_reason\":\"" + finish + "\"}]," +
        "\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":8,\"total_tokens\":48}}";
}
