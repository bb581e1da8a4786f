using System.Text.Json;
using Azure.Storage.Blobs;
using Baton.Agents.Tests.Fakes;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.Tools;

public sealed class DocumentToolsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static Task<ToolResult> CallAsync(AgentTestHost host, string tool, object arguments, string callId = "c1") =>
        host.Context.CallActivityAsync<ToolResult>(
            AgentActivityNames.InvokeTool,
            new ToolCall(tool, JsonSerializer.Serialize(arguments), callId, "instance-1:" + callId, "tester"));

    private static AgentTestHost Host(IDocumentStore store) =>
        new(agents => agents.AddDocumentTools(), services: s => s.AddSingleton(store));

    [Fact]
    public async Task WriteThenRead_InMemory_ReturnsWhatWasWritten()
    {
        using var host = Host(new InMemoryDocumentStore());

        var written = await CallAsync(host, DocumentTools.WriteToolName, new { path = "reports/a.md", content = "# A\nhello" });
        var read = await CallAsync(host, DocumentTools.ReadToolName, new { path = "reports/a.md" });

        Assert.False(written.IsError);
        Assert.Equal("# A\nhello", read.Content);
    }

    [Fact]
    public async Task Read_MissingOrEscapingPath_GivesTheModelAnErrorResult()
    {
        using var host = Host(new InMemoryDocumentStore());

        var missing = await CallAsync(host, DocumentTools.ReadToolName, new { path = "nope.md" });
        var escaping = await CallAsync(host, DocumentTools.ReadToolName, new { path = "../secrets.txt" });
        var unknown = await CallAsync(host, "no_such_tool", new { });

        Assert.True(missing.IsError);
        Assert.Contains("no document at 'nope.md'", missing.Content, StringComparison.Ordinal);
        Assert.True(escaping.IsError);
        Assert.Contains("not a valid document path", escaping.Content, StringComparison.Ordinal);
        Assert.True(unknown.IsError);
        Assert.Contains("read_document", unknown.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Keywords_RanksTheBestMatchFirstWithASnippet()
    {
        var store = new InMemoryDocumentStore();
        await store.WriteAsync("a.md", "Quarterly revenue grew.\nStorage pricing changed: storage costs fell.");
        await store.WriteAsync("b.md", "Team offsite notes. Storage mentioned once.");
        await store.WriteAsync("c.md", "Nothing relevant here.");
        using var host = Host(store);

        var result = await CallAsync(host, DocumentTools.SearchToolName, new { query = "storage pricing", top = 5 });

        var hits = JsonSerializer.Deserialize<List<DocumentTools.SearchHit>>(result.Content, StructuredOutputValidator.SerializerOptions)!;
        Assert.Equal(["a.md", "b.md"], hits.Select(h => h.Path));
        Assert.Equal("Storage pricing changed: storage costs fell.", hits[0].Snippet);
    }

    [Fact]
    public async Task WriteReadSearch_AzureBlobOnAzurite_RoundTrips()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "docs" + Guid.NewGuid().ToString("N")[..8]);
        var store = new AzureBlobDocumentStore(container);
        using var host = Host(store);

        Assert.Empty(await store.ListAsync());
        Assert.Null(await store.ReadAsync("missing.md"));
        await CallAsync(host, DocumentTools.WriteToolName, new { path = "notes/storage.md", content = "Blob storage prices fell." });
        await CallAsync(host, DocumentTools.WriteToolName, new { path = "notes/other.md", content = "Unrelated." });
        var read = await CallAsync(host, DocumentTools.ReadToolName, new { path = "notes/storage.md" });
        var search = await CallAsync(host, DocumentTools.SearchToolName, new { query = "prices" });

        Assert.Equal("Blob storage prices fell.", read.Content);
        Assert.Equal(["notes/other.md", "notes/storage.md"], await store.ListAsync("notes/"));
        Assert.Contains("notes/storage.md", search.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("notes/other.md", search.Content, StringComparison.Ordinal);
    }
}
