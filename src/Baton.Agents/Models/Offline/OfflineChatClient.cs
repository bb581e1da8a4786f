using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// The built-in offline model: an <see cref="IChatClient"/> that answers with no network and no key, the same way
/// for the same input, from what it is given. With tools it works like an agent would: it searches first (one call of
/// each search tool with the topic's keywords), then reads what the search found (read tools are only called on paths
/// and URLs known to exist: from search results or the input), and calls each other tool once with arguments drawn
/// from the input. Then it answers in the shape the instructions ask for (see <see cref="OfflineComposer"/>) from the
/// documents it read and the facts of the input; for a JSON schema it answers with a value valid for that schema whose
/// enums, confidences, lists and reasons follow the text (see <see cref="OfflineChoice"/>). No clock, no randomness:
/// the same conversation gives the same answer, response id and usage. Usage is counted with the o200k_base
/// tokenizer. Every text it writes carries <see cref="Marker"/>, and its model id is <see cref="OfflineModelId"/>.
/// Thread-safe.
/// </summary>
public sealed partial class OfflineChatClient : IChatClient
{
    /// <summary>The model id the offline model reports.</summary>
    public const string OfflineModelId = "baton-offline";

    /// <summary>The marker every offline text carries.</summary>
    public const string Marker = "[offline model]";

    private const int MaxToolCallsPerTurn = 4;

    private const int MaxReads = 3;

    private readonly ChatClientMetadata _metadata = new("baton-offline", null, OfflineModelId);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var sources = new OfflineSources(list);

        var declarations = options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];
        var calls = declarations.Count == 0 ? [] : PlanToolCalls(declarations, sources);
        ChatMessage reply;
        ChatFinishReason finish;
        if (calls.Count > 0)
        {
            reply = new ChatMessage(ChatRole.Assistant, calls);
            finish = ChatFinishReason.ToolCalls;
        }
        else if (options?.ResponseFormat is ChatResponseFormatJson json)
        {
            reply = new ChatMessage(ChatRole.Assistant, WriteJson(json, sources));
            finish = ChatFinishReason.Stop;
        }
        else
        {
            reply = new ChatMessage(ChatRole.Assistant, OfflineComposer.Compose(sources));
            finish = ChatFinishReason.Stop;
        }

        var inputTokens = TokenCounter.CountMessages(list) + declarations.Sum(d => TokenCounter.Count(d.Name) + TokenCounter.Count(d.Description) + TokenCounter.Count(d.JsonSchema.GetRawText()));
        var outputTokens = TokenCounter.CountMessages([reply]) - 6;
        var response = new ChatResponse(reply)
        {
            ModelId = OfflineModelId,
            FinishReason = finish,
            ResponseId = "offline-" + Hash(list, reply),
            Usage = new UsageDetails
            {
                InputTokenCount = inputTokens,
                OutputTokenCount = Math.Max(outputTokens, 1),
                TotalTokenCount = inputTokens + Math.Max(outputTokens, 1),
            },
        };
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>
    /// This turn's tool calls: each search and each acting tool once, in the first turn it is offered; reads of paths
    /// the searches found (or the input names) that are not read yet, at most <see cref="MaxReads"/> in all. None when
    /// there is nothing left to do, which ends the agent's tool use.
    /// </summary>
    private static List<AIContent> PlanToolCalls(List<AIFunctionDeclaration> declarations, OfflineSources sources)
    {
        var calls = new List<AIContent>();
        var reads = sources.ReadTargets.Count;
        foreach (var declaration in declarations)
        {
            var parameters = Parameters(declaration);
            var kind = OfflineTools.KindOf(declaration.Name);
            if (kind == OfflineToolKind.Read && !parameters.Keys.Any(p => OfflineTools.IsPathParameter(p) || OfflineTools.IsUrlParameter(p)))
            {
                kind = OfflineToolKind.Act;
            }

            if (kind == OfflineToolKind.Read)
            {
                var urls = parameters.Keys.Any(OfflineTools.IsUrlParameter);
                var targets = (urls ? sources.Urls : sources.SearchHits.Concat(sources.Paths))
                    .Distinct(StringComparer.Ordinal)
                    .Where(t => !sources.ReadTargets.Contains(t));
                foreach (var target in targets)
                {
                    if (reads >= MaxReads || calls.Count >= MaxToolCallsPerTurn)
                    {
                        break;
                    }

                    calls.Add(Call(declaration, sources, target, parameters, calls.Count));
                    reads++;
                }
            }
            else if (!sources.Called(declaration.Name) && calls.Count < MaxToolCallsPerTurn)
            {
                calls.Add(Call(declaration, sources, null, parameters, calls.Count));
            }
        }

        return calls;
    }

    private static FunctionCallContent Call(AIFunctionDeclaration declaration, OfflineSources sources, string? target, Dictionary<string, string> parameters, int index)
    {
        var argumentsJson = new OfflineJsonWriter(declaration.JsonSchema, new OfflineArgumentValues(sources, target, parameters)).Write();
        var arguments = AgentMessageMapping.ParseArguments(argumentsJson);
        var turn = sources.Calls.Count + index + 1;
        return new FunctionCallContent(string.Create(CultureInfo.InvariantCulture, $"offline_call_{turn}"), declaration.Name, arguments);
    }

    /// <summary>The declaration's parameters with their descriptions (empty when none).</summary>
    private static Dictionary<string, string> Parameters(AIFunctionDeclaration declaration)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (declaration.JsonSchema.ValueKind == JsonValueKind.Object &&
            declaration.JsonSchema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                parameters[property.Name] = property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
                    ? d.GetString() ?? string.Empty
                    : string.Empty;
            }
        }

        return parameters;
    }

    private static string WriteJson(ChatResponseFormatJson format, OfflineSources sources)
    {
        if (format.Schema is not { } schema)
        {
            return JsonSerializer.Serialize(new { text = OfflineComposer.Compose(sources) });
        }

        return new OfflineJsonWriter(schema, new OfflineAnswerValues(sources)).Write();
    }

    private static string Hash(List<ChatMessage> messages, ChatMessage reply)
    {
        var text = string.Join("\n", messages.Select(m => m.Role + ":" + m.Text)) + "\n=>" + reply.Text;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
