using System.Text.Json;
using Baton.Agents.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.Offline;

public sealed class OfflineChatClientTests
{
    private const string Sources = """
        Contoso cut prices on its cloud storage plans by 20 percent in March.
        Fabrikam launched an AI assistant for field technicians at its spring event.
        Analysts expect storage prices to keep falling through the year.
        """;

    private static ChatMessage[] Conversation(string instructions, string input) =>
        [new(ChatRole.System, instructions), new(ChatRole.User, input)];

    [Fact]
    public async Task GetResponseAsync_SameInput_GivesTheSameAnswerAndUsage()
    {
        using var client = new OfflineChatClient();

        var first = await client.GetResponseAsync(Conversation("You are a researcher.", "Storage prices?\n" + Sources));
        var second = await client.GetResponseAsync(Conversation("You are a researcher.", "Storage prices?\n" + Sources));

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.ResponseId, second.ResponseId);
        Assert.Equal(first.Usage!.InputTokenCount, second.Usage!.InputTokenCount);
        Assert.Equal(first.Usage.OutputTokenCount, second.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_Researcher_ListsFindingsFromTheSourcesMarkedOffline()
    {
        using var client = new OfflineChatClient();

        var response = await client.GetResponseAsync(Conversation("You are a market researcher.", "What happened to storage prices?\n" + Sources));

        Assert.StartsWith(OfflineChatClient.Marker, response.Text, StringComparison.Ordinal);
        Assert.Contains("Findings:", response.Text, StringComparison.Ordinal);
        Assert.Contains("- Contoso cut prices on its cloud storage plans by 20 percent in March.", response.Text, StringComparison.Ordinal);
        Assert.Equal(OfflineChatClient.OfflineModelId, response.ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_Writer_ProducesMarkdownSections()
    {
        using var client = new OfflineChatClient();

        var response = await client.GetResponseAsync(Conversation("You are a report writer. Write markdown.", Sources));

        Assert.StartsWith(OfflineChatClient.Marker, response.Text, StringComparison.Ordinal);
        Assert.Contains("\n# ", response.Text, StringComparison.Ordinal);
        Assert.Contains("## Summary", response.Text, StringComparison.Ordinal);
        Assert.Contains("## Key points", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_Usage_IsCountedWithTheO200kTokenizer()
    {
        using var client = new OfflineChatClient();
        var messages = Conversation("You summarize.", Sources);

        var response = await client.GetResponseAsync(messages);

        Assert.Equal(TokenCounter.CountMessages(messages), response.Usage!.InputTokenCount);
        Assert.Equal(TokenCounter.Count(response.Text), response.Usage.OutputTokenCount);
        Assert.Equal(5, TokenCounter.Count("Hello, world! Hi")); // o200k_base: "Hello", ",", " world", "!", " Hi"
    }

    [Fact]
    public async Task GetResponseAsync_ToolsOfferedAndUnused_AsksForThemWithArgumentsFromTheInput()
    {
        using var client = new OfflineChatClient();
        var search = AIFunctionFactory.Create((string query) => "x", "search_documents", "Searches.");
        var fetch = AIFunctionFactory.Create((string url) => "x", "fetch_url", "Fetches.");

        var response = await client.GetResponseAsync(
            Conversation("You research.", "Find news on storage pricing at https://news.example.com/storage today"),
            new ChatOptions { Tools = [search, fetch] });

        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["search_documents", "fetch_url"], calls.Select(c => c.Name));
        Assert.Contains("storage", calls[0].Arguments!["query"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("https://news.example.com/storage", calls[1].Arguments!["url"]!.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_NumberStatedInTheInput_IsTheToolsNumericArgument()
    {
        using var client = new OfflineChatClient();
        var quote = AIFunctionFactory.Create((string product, int quantity, int priority) => "x", "quote_price", "Prices a quantity.");

        var response = await client.GetResponseAsync(
            Conversation("You price quotes.", "Quote this request.\nProduct: widget\nQuantity: 12"),
            new ChatOptions { Tools = [quote] });

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("widget", call.Arguments!["product"]!.ToString());
        Assert.Equal("12", call.Arguments["quantity"]!.ToString());
        Assert.Equal("1", call.Arguments["priority"]!.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_AfterToolResults_AnswersFromThem()
    {
        using var client = new OfflineChatClient();
        var search = AIFunctionFactory.Create((string query) => "x", "search_documents", "Searches.");
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are a researcher."),
            new(ChatRole.User, "Storage prices?"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "search_documents", new Dictionary<string, object?> { ["query"] = "storage" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "Storage prices fell by a third at Northwind this quarter.")]),
        ];

        var response = await client.GetResponseAsync(messages, new ChatOptions { Tools = [search] });

        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Contains("Storage prices fell by a third at Northwind this quarter. (source: search_documents)", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_JsonSchema_AnswersWithAValueValidForTheType()
    {
        using var client = new OfflineChatClient();
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(InvokeAgentActivity.SchemaFor(typeof(Digest)), nameof(Digest)),
        };

        var response = await client.GetResponseAsync(Conversation("You inform executives.", Sources), options);

        Assert.True(StructuredOutputValidator.TryValidate(response.Text, typeof(Digest), out var json, out var error), error);
        var digest = JsonSerializer.Deserialize<Digest>(json!, StructuredOutputValidator.SerializerOptions)!;
        Assert.StartsWith(OfflineChatClient.Marker, digest.Title, StringComparison.Ordinal);
        Assert.Equal(3, digest.Items.Count); // one item per sentence of the input
        Assert.StartsWith("Contoso cut prices on its cloud storage plans", digest.Items[0].Headline, StringComparison.Ordinal);
        Assert.All(digest.Items, item => Assert.InRange(item.Importance, 1, 5));
        Assert.Equal(Sentiment.Positive, digest.Overall);
        Assert.NotNull(digest.Owner);
        Assert.Equal(response.Text, (await client.GetResponseAsync(Conversation("You inform executives.", Sources), options)).Text);
    }

    [Theory]
    [InlineData("Rate the mood: positive, neutral or negative. The customer is negative about delays and negative about price.", Sentiment.Negative)]
    [InlineData("Rate the mood: positive, neutral or negative. Reviews stay neutral; neutral coverage overall.", Sentiment.Neutral)]
    [InlineData("Rate the mood of the coverage.", Sentiment.Positive)]
    public async Task GetResponseAsync_EnumInSchema_PicksTheValueTheTaskNamesMost(string input, Sentiment expected)
    {
        using var client = new OfflineChatClient();
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(InvokeAgentActivity.SchemaFor(typeof(Digest)), nameof(Digest)),
        };

        var response = await client.GetResponseAsync(Conversation("You inform executives.", input), options);

        Assert.True(StructuredOutputValidator.TryValidate(response.Text, typeof(Digest), out var json, out var error), error);
        Assert.Equal(expected, JsonSerializer.Deserialize<Digest>(json!, StructuredOutputValidator.SerializerOptions)!.Overall);
    }

    [Fact]
    public async Task RunAgentAsync_OfflineByDefault_RunsToolsThenAnswersWithStructuredOutput()
    {
        using var host = new AgentTestHost(agents => agents
            .AddAgent(new AgentDefinition("digester", "You are a researcher.") { Tools = ["search_documents"], OutputType = typeof(Digest) })
            .AddDocumentTools());
        await host.Services.GetRequiredService<IDocumentStore>().WriteAsync("news/contoso.md", Sources);

        var result = await host.Context.RunAgentAsync<Digest>("digester", "Storage prices news");

        Assert.Equal(2, result.Run.Turns);
        Assert.Equal(OfflineChatClient.OfflineModelId, result.Run.Model);
        Assert.Contains("news/contoso.md", Assert.Single(result.Run.ToolCalls).Result.Content, StringComparison.Ordinal);
        Assert.StartsWith(OfflineChatClient.Marker, result.Output.Title, StringComparison.Ordinal);
        Assert.True(result.Run.Usage.InputTokens > 0);
    }

    [Fact]
    public async Task GetResponseAsync_SearchThenRead_ReadsOnlyThePathsTheSearchFound()
    {
        using var client = new OfflineChatClient();
        var search = AIFunctionFactory.Create((string query) => "x", "search_documents", "Searches.");
        var read = AIFunctionFactory.Create((string path) => "x", "read_document", "Reads.");
        var options = new ChatOptions { Tools = [search, read] };
        List<ChatMessage> messages = [new(ChatRole.System, "You are a researcher."), new(ChatRole.User, "Research this.\nTopic: storage prices")];

        var first = await client.GetResponseAsync(messages, options);
        var searchCall = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("search_documents", searchCall.Name);
        messages.Add(new ChatMessage(ChatRole.Assistant, [searchCall]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(searchCall.CallId, """[{"path":"news/storage.md","score":2.1,"snippet":"Storage prices fell."}]""")]));
        var second = await client.GetResponseAsync(messages, options);
        var readCall = Assert.Single(second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        messages.Add(new ChatMessage(ChatRole.Assistant, [readCall]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(readCall.CallId, "Storage prices fell by a third at Northwind this quarter.")]));
        var answer = await client.GetResponseAsync(messages, options);

        Assert.Equal(("read_document", "news/storage.md"), (readCall.Name, readCall.Arguments!["path"]!.ToString()));
        Assert.NotEqual(searchCall.CallId, readCall.CallId);
        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Contains("- Storage prices fell by a third at Northwind this quarter. (source: news/storage.md)", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Checkout is down and returns errors for all users.", Severity.Critical)]
    [InlineData("A question about the export format.", Severity.Low)]
    [InlineData("The report looks slightly off.", Severity.Normal)]
    public async Task GetResponseAsync_EnumDescribedInTheInstructions_FollowsTheCuesWithAConfidenceInRange(string input, Severity expected)
    {
        using var client = new OfflineChatClient();
        const string instructions = "Rate the request. severity: Critical for an outage (site down, errors for all users); Normal for ordinary problems; Low for questions and ideas.";
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(InvokeAgentActivity.SchemaFor(typeof(Rating)), nameof(Rating)) };

        var response = await client.GetResponseAsync(Conversation(instructions, input), options);

        Assert.True(StructuredOutputValidator.TryValidate(response.Text, typeof(Rating), out var json, out var error), error);
        var rating = JsonSerializer.Deserialize<Rating>(json!, StructuredOutputValidator.SerializerOptions)!;
        Assert.Equal(expected, rating.Severity);
        Assert.InRange(rating.Confidence, 0, 1);
        Assert.StartsWith(OfflineChatClient.Marker, rating.Reason, StringComparison.Ordinal);
    }

    public enum Severity
    {
        Low,
        Normal,
        Critical,
    }

    public sealed record Rating(Severity Severity, [property: System.ComponentModel.DataAnnotations.Range(0.0, 1.0)] double Confidence, string Reason);

    public enum Sentiment
    {
        Positive,
        Neutral,
        Negative,
    }

    public sealed record Person(string Name, string Email);

    public sealed record DigestItem(string Headline, [property: System.ComponentModel.DataAnnotations.Range(1, 5)] int Importance, Uri? Link);

    public sealed record Digest(string Title, IReadOnlyList<DigestItem> Items, Sentiment Overall, Person Owner, bool Confidential, DateTimeOffset AsOf);
}
