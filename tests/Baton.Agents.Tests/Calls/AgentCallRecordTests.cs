using Baton.Agents;

namespace Baton.Agents.Tests.Calls;

public sealed class AgentCallRecordTests
{
    private static readonly DateTime T0 = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static AgentCallRecord Call(int seconds = 0, string? error = null) =>
        new("run-1", "k1", AgentCallKind.Model, "writer", T0.AddSeconds(seconds)) { Error = error, Reply = error is null ? "ok" : null };

    [Fact]
    public void Merge_CompletedOverFailed_ReplacesItAndCountsTheAttempt()
    {
        var merged = AgentCallRecord.Merge(Call(error: "timeout"), Call(30));

        Assert.False(merged.Failed);
        Assert.Equal(2, merged.Attempts);
        Assert.Equal("timeout", merged.PreviousError);
    }

    [Fact]
    public void Merge_AnythingOverCompleted_KeepsTheStoredRecord()
    {
        var stored = Call();

        Assert.Same(stored, AgentCallRecord.Merge(stored, Call(30)));
        Assert.Same(stored, AgentCallRecord.Merge(stored, Call(60, "late failure")));
    }

    [Fact]
    public void Shortened_LongTexts_CutWithTheMarkerAndTheCountLeftOut()
    {
        var record = Call() with { Messages = [AgentMessage.User(new string('a', 500)), AgentMessage.User("short")], Reply = new string('b', 100) };

        var shortened = record.Shortened(100);

        Assert.True(shortened.Truncated);
        Assert.Equal(new string('a', 100) + AgentCallRecord.TruncationMarker + "400]", shortened.Messages![0].Text);
        Assert.Equal("short", shortened.Messages[1].Text);
        Assert.Equal(record.Reply, shortened.Reply);
        var unchanged = Call() with { Reply = "x" };
        Assert.Same(unchanged, unchanged.Shortened(100));
    }
}
