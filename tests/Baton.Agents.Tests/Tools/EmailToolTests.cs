using System.Text.Json;
using Baton.Agents.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace Baton.Agents.Tests.Tools;

public sealed class EmailToolTests : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "baton-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    private static Task<ToolResult> SendAsync(AgentTestHost host, string key, string to = "ana@example.com") =>
        host.Context.CallActivityAsync<ToolResult>(
            AgentActivityNames.InvokeTool,
            new ToolCall(EmailTool.ToolName, JsonSerializer.Serialize(new { to, subject = "Weekly report", body = "Hello Ana,\nsee attached." }), "c1", key, "writer"));

    [Fact]
    public async Task SendEmail_SameIdempotencyKeyTwice_WritesOneEmlFile()
    {
        using var host = new AgentTestHost(agents => agents.AddEmailTool(_outbox));

        var first = await SendAsync(host, "instance-1:abc");
        var again = await SendAsync(host, "instance-1:abc");
        await SendAsync(host, "instance-1:def");

        Assert.Equal(first.Content, again.Content);
        var files = Directory.GetFiles(_outbox, "*.eml");
        Assert.Equal(2, files.Length);
        var eml = await File.ReadAllTextAsync(files.Single(f => File.ReadAllText(f).Contains("instance-1:abc", StringComparison.Ordinal)));
        Assert.Contains("To: ana@example.com\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("Subject: Weekly report\r\n", eml, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nHello Ana,\r\nsee attached.", eml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEmail_BadAddress_IsAnErrorResultAndSendsNothing()
    {
        using var host = new AgentTestHost(agents => agents.AddEmailTool(_outbox));

        var result = await SendAsync(host, "k", to: "not-an-address");

        Assert.True(result.IsError);
        Assert.Contains("not a valid email address", result.Content, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_outbox) && Directory.GetFiles(_outbox).Length > 0);
    }

    [Fact]
    public void CreateTool_RequiresApprovalAndIsSideEffecting()
    {
        var tool = new EmailTool(new FileOutboxEmailSender(_outbox)).CreateTool();

        Assert.True(tool.RequiresApproval);
        Assert.True(tool.SideEffecting);
        Assert.DoesNotContain("arguments", tool.Function.JsonSchema.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }
}
