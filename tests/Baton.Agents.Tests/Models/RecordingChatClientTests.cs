using Baton.Agents.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Baton.Agents.Tests.Models;

public sealed class RecordingChatClientTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "baton-recordings-tests", Guid.NewGuid().ToString("N"));

    private static List<ChatMessage> Conversation(string question) => [new(ChatRole.System, "You answer."), new(ChatRole.User, question)];

    private static ScriptedChatClient Model() => new((self, messages, _) => self.Calls.Count == 1
        ? ScriptedChatClient.ToolCalls(("call_9", "lookup", new Dictionary<string, object?> { ["topic"] = "tides" }))
        : ScriptedChatClient.Text("Tides follow the moon.", input: 42, output: 7));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Replay_RecordedConversation_AnswersTheSameWithoutCallingTheModel()
    {
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string topic) => topic, "lookup", "Looks up.")], Temperature = 0.2f };
        using var recorder = new RecordingChatClient(Model(), new ChatRecordingOptions { Mode = ChatRecordingMode.Record, Directory = _folder }, "research");
        var messages = Conversation("Explain tides");
        var first = await recorder.GetResponseAsync(messages, options);
        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_9", "the moon pulls the sea")]));
        var second = await recorder.GetResponseAsync(messages, options);

        var never = new ScriptedChatClient((_, _, _) => throw new InvalidOperationException("The model was called during a replay."));
        using var replayer = new RecordingChatClient(never, new ChatRecordingOptions { Mode = ChatRecordingMode.Replay, Directory = _folder }, "research");
        var replayedFirst = await replayer.GetResponseAsync(Conversation("Explain tides"), options);
        var replayedSecond = await replayer.GetResponseAsync(messages, options);

        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, "research"), "*.json").Length);
        var call = Assert.Single(replayedFirst.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_9", "lookup", "tides"), (call.CallId, call.Name, call.Arguments!["topic"]!.ToString()));
        Assert.Equal(second.Text, replayedSecond.Text);
        Assert.Equal((42L, 7L), (replayedSecond.Usage!.InputTokenCount!.Value, replayedSecond.Usage.OutputTokenCount!.Value));
        Assert.Equal(second.FinishReason, replayedSecond.FinishReason);
        Assert.Empty(never.Calls);
    }

    [Fact]
    public async Task Replay_RequestNeverRecorded_FailsSayingWhereItDiffers()
    {
        using var recorder = new RecordingChatClient(Model(), new ChatRecordingOptions { Mode = ChatRecordingMode.Record, Directory = _folder });
        await recorder.GetResponseAsync(Conversation("Explain tides"));
        using var replayer = new RecordingChatClient(Model(), new ChatRecordingOptions { Mode = ChatRecordingMode.Replay, Directory = _folder });

        var failure = await Assert.ThrowsAsync<RecordedResponseNotFoundException>(() => replayer.GetResponseAsync(Conversation("Explain waves")));

        Assert.Contains("first differs at message 2 (user)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Baton:Recording:Mode=Record", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyOf_SameRequest_IsStableAndChangesWithTheSchema()
    {
        var plain = RecordingChatClient.KeyOf(Conversation("Explain tides"), null);
        var again = RecordingChatClient.KeyOf(Conversation("Explain tides"), null);
        var json = RecordingChatClient.KeyOf(Conversation("Explain tides"), new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Equal(plain, again);
        Assert.NotEqual(plain, json);
        Assert.Equal(32, plain.Length);
    }

    [Fact]
    public void Constructor_ModeWithoutFolder_SaysWhatToSet()
    {
        var failure = Assert.Throws<ModelConfigurationException>(() => new RecordingChatClient(Model(), new ChatRecordingOptions { Mode = ChatRecordingMode.Replay }));

        Assert.Contains("Baton:Recording:Directory", failure.Message, StringComparison.Ordinal);
    }
}
