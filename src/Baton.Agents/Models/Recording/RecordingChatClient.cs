using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>
/// Records a model's requests and responses to files, or replays them: so that a run recorded once against a real
/// provider (Azure OpenAI, an OpenAI-compatible endpoint, the offline model) becomes a regression test that needs no
/// key and no network. Each call is one JSON file, <c>{directory}/{modelKey}/{key}.json</c>, holding the request and the
/// response in a provider-neutral form (<see cref="RecordedExchange"/>); the key is the SHA-256 of the request's
/// canonical JSON (messages with their tool calls and results, tools offered, response format, temperature, output
/// limit), so a replay answers exactly the requests that were recorded and nothing else. Replay never calls the inner
/// client. Thread-safe; writes go through a temporary file, so a reader never sees half a recording.
/// </summary>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions KeyOptions = new(FileOptions) { WriteIndented = false };

    private readonly ChatRecordingMode _mode;
    private readonly string _folder;
    private readonly string _modelKey;

    /// <summary>Wraps <paramref name="inner"/> for the model key <paramref name="modelKey"/>.</summary>
    public RecordingChatClient(IChatClient inner, ChatRecordingOptions options, string modelKey = AgentDefinition.DefaultModel)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelKey);
        if (options.Mode != ChatRecordingMode.Off && string.IsNullOrWhiteSpace(options.Directory))
        {
            throw new ModelConfigurationException(
                $"Recording mode {options.Mode} needs a folder: set {ChatRecordingOptions.SectionName}:Directory (e.g. tests/recordings/my-run).");
        }

        _mode = options.Mode;
        _modelKey = modelKey;
        _folder = Path.Combine(Path.GetFullPath(options.Directory ?? "."), Safe(modelKey));
    }

    /// <summary>The key a request is recorded under: the first 32 hex digits of its canonical JSON's SHA-256.</summary>
    public static string KeyOf(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return KeyOf(ToRequest(messages, options));
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (_mode == ChatRecordingMode.Off)
        {
            return await base.GetResponseAsync(list, options, cancellationToken);
        }

        var request = ToRequest(list, options);
        var key = KeyOf(request);
        var file = Path.Combine(_folder, key + ".json");
        if (_mode == ChatRecordingMode.Replay)
        {
            if (!File.Exists(file))
            {
                throw new RecordedResponseNotFoundException(Explain(request, key));
            }

            var recorded = JsonSerializer.Deserialize<RecordedExchange>(await File.ReadAllTextAsync(file, cancellationToken), FileOptions)
                ?? throw new RecordedResponseNotFoundException($"The recording {file} is empty; record it again.");
            return FromRecorded(recorded.Response);
        }

        var response = await base.GetResponseAsync(list, options, cancellationToken);
        var exchange = new RecordedExchange(key, _modelKey, request, ToRecorded(response));
        Directory.CreateDirectory(_folder);
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(exchange, FileOptions) + "\n", cancellationToken);
        File.Move(temporary, file, overwrite: true);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_mode == ChatRecordingMode.Off)
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        // Recorded as one response: streaming is a transport detail, the recorded exchange is the same.
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private static string KeyOf(RecordedRequest request)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(request, KeyOptions);
        return Convert.ToHexStringLower(SHA256.HashData(canonical))[..32];
    }

    private string Explain(RecordedRequest request, string key)
    {
        var best = (File: (string?)null, Same: -1);
        if (Directory.Exists(_folder))
        {
            foreach (var path in Directory.EnumerateFiles(_folder, "*.json").Order(StringComparer.Ordinal))
            {
                RecordedExchange? recorded;
                try
                {
                    recorded = JsonSerializer.Deserialize<RecordedExchange>(File.ReadAllText(path), FileOptions);
                }
                catch (JsonException)
                {
                    continue;
                }

                var same = recorded is null ? 0 : Same(recorded.Request.Messages, request.Messages);
                if (same > best.Same)
                {
                    best = (path, same);
                }
            }
        }

        var hint = best.File is null
            ? $"There are no recordings in {_folder}."
            : best.Same >= request.Messages.Count
                ? $"The closest recording, {Path.GetFileName(best.File)}, has the same messages: the tools, the response format or the sampling options differ."
                : string.Create(CultureInfo.InvariantCulture, $"The closest recording, {Path.GetFileName(best.File)}, first differs at message {best.Same + 1} ({request.Messages[best.Same].Role}).");
        return $"No recorded response for model '{_modelKey}' matches this request (key {key}). {hint} " +
               $"A prompt, tool, schema or earlier answer changed since the run was recorded: record it again with " +
               $"{ChatRecordingOptions.SectionName}:Mode=Record against a real model.";
    }

    private static int Same(IReadOnlyList<RecordedMessage> recorded, IReadOnlyList<RecordedMessage> sent)
    {
        var same = 0;
        while (same < recorded.Count && same < sent.Count &&
               JsonSerializer.Serialize(recorded[same], KeyOptions) == JsonSerializer.Serialize(sent[same], KeyOptions))
        {
            same++;
        }

        return same;
    }

    private static RecordedRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var tools = (options?.Tools ?? []).OfType<AIFunctionDeclaration>()
            .Select(t => new RecordedTool(t.Name, t.Description, t.JsonSchema.Clone()))
            .ToList();
        JsonElement? format = options?.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } json => JsonSerializer.SerializeToElement(new { json.SchemaName, Schema = schema }, KeyOptions),
            ChatResponseFormatJson => JsonSerializer.SerializeToElement("json", KeyOptions),
            ChatResponseFormatText => JsonSerializer.SerializeToElement("text", KeyOptions),
            _ => null,
        };
        return new RecordedRequest([.. messages.Select(ToRecorded)], tools, format, options?.Temperature, options?.MaxOutputTokens);
    }

    private static RecordedResponse ToRecorded(ChatResponse response) => new(
        [.. response.Messages.Select(ToRecorded)],
        response.ModelId,
        response.FinishReason?.Value,
        response.ResponseId,
        response.Usage?.InputTokenCount,
        response.Usage?.OutputTokenCount);

    private static RecordedMessage ToRecorded(ChatMessage message)
    {
        var contents = new List<RecordedContent>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                    contents.Add(new RecordedContent("text") { Text = text.Text });
                    break;
                case FunctionCallContent call:
                    contents.Add(new RecordedContent("functionCall")
                    {
                        CallId = call.CallId,
                        Name = call.Name,
                        Arguments = JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions),
                    });
                    break;
                case FunctionResultContent result:
                    contents.Add(new RecordedContent("functionResult")
                    {
                        CallId = result.CallId,
                        Result = result.Result switch
                        {
                            null => null,
                            JsonElement element => element.Clone(),
                            var other => JsonSerializer.SerializeToElement(other, AIJsonUtilities.DefaultOptions),
                        },
                    });
                    break;
            }
        }

        return new RecordedMessage(message.Role.Value, contents);
    }

    private static ChatResponse FromRecorded(RecordedResponse recorded)
    {
        var messages = recorded.Messages.Select(m => new ChatMessage(new ChatRole(m.Role), [.. m.Contents.Select(FromRecorded).OfType<AIContent>()])).ToList();
        return new ChatResponse(messages)
        {
            ModelId = recorded.ModelId,
            FinishReason = recorded.FinishReason is null ? null : new ChatFinishReason(recorded.FinishReason),
            ResponseId = recorded.ResponseId,
            Usage = recorded.InputTokens is null && recorded.OutputTokens is null ? null : new UsageDetails
            {
                InputTokenCount = recorded.InputTokens,
                OutputTokenCount = recorded.OutputTokens,
                TotalTokenCount = (recorded.InputTokens ?? 0) + (recorded.OutputTokens ?? 0),
            },
        };
    }

    private static AIContent? FromRecorded(RecordedContent content) => content.Type switch
    {
        "text" => new TextContent(content.Text),
        "functionCall" => new FunctionCallContent(content.CallId ?? string.Empty, content.Name ?? string.Empty, AgentMessageMapping.ParseArguments(content.Arguments?.GetRawText())),
        "functionResult" => new FunctionResultContent(content.CallId ?? string.Empty, content.Result),
        _ => null,
    };

    private static string Safe(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return builder.ToString();
    }
}
