using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Baton.Agents;

/// <summary>Converts stored messages to chat messages and back.</summary>
internal static class AgentMessageMapping
{
    public static ChatMessage ToChatMessage(AgentMessage message)
    {
        switch (message.Role)
        {
            case AgentMessage.ToolRole:
                return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(message.ToolCallId ?? string.Empty, message.Text ?? string.Empty)]);
            case AgentMessage.AssistantRole:
                var contents = new List<AIContent>();
                if (!string.IsNullOrEmpty(message.Text))
                {
                    contents.Add(new TextContent(message.Text));
                }

                foreach (var call in message.ToolCalls ?? [])
                {
                    contents.Add(new FunctionCallContent(call.CallId, call.ToolName, ParseArguments(call.ArgumentsJson)));
                }

                return new ChatMessage(ChatRole.Assistant, contents);
            case "system":
                return new ChatMessage(ChatRole.System, message.Text);
            default:
                return new ChatMessage(ChatRole.User, message.Text);
        }
    }

    public static Dictionary<string, object?> ParseArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions);
}
