using System.ComponentModel;
using System.Text.Json;
using Baton.Agents.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.Tools;

public sealed class MethodToolsTests
{
    private static Dictionary<string, object?> Args(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public void From_ToolMethods_DescribeNameDescriptionAndOnlyTheModelsParameters()
    {
        var tools = MethodTools.From(typeof(InvoiceTools));

        Assert.Equal(["create_invoice", "void_invoice", "price_of"], tools.Select(t => t.Name));
        var create = tools[0];
        Assert.Equal("Creates an invoice for a customer.", create.Function.Description);
        var properties = create.Function.JsonSchema.GetProperty("properties");
        Assert.True(properties.TryGetProperty("customer", out var customer));
        Assert.Equal("Who pays.", customer.GetProperty("description").GetString());
        Assert.True(properties.TryGetProperty("amount", out _));
        Assert.False(properties.TryGetProperty("idempotencyKey", out _));
        Assert.False(properties.TryGetProperty("call", out _));
        Assert.False(tools[1].Function.JsonSchema.GetProperty("properties").TryGetProperty("context", out _));
    }

    [Fact]
    public void From_Attributes_SetApprovalApproversAndSideEffects()
    {
        var tools = MethodTools.From(typeof(InvoiceTools)).ToDictionary(t => t.Name);

        Assert.True(tools["create_invoice"].SideEffecting);
        Assert.False(tools["create_invoice"].RequiresApproval);
        Assert.True(tools["void_invoice"].RequiresApproval);
        Assert.Equal(["controller@contoso.example"], tools["void_invoice"].Approvers);
        Assert.False(tools["price_of"].RequiresApproval);
        Assert.False(tools["price_of"].SideEffecting);
    }

    [Fact]
    public void From_TypeWithoutToolMethods_SaysToMarkThem()
    {
        var error = Assert.Throws<ArgumentException>(() => MethodTools.From(typeof(string)));

        Assert.Contains("[Tool]", error.Message, StringComparison.Ordinal);
        Assert.Contains("System.String", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CreateInvoiceAsync", "create_invoice")]
    [InlineData("PriceOf", "price_of")]
    [InlineData("GetURLContent", "get_url_content")]
    public void SnakeCase_MethodNames_BecomeToolNames(string method, string tool) =>
        Assert.Equal(tool, MethodTools.SnakeCase(method));

    [Fact]
    public async Task RunAgentAsync_MethodTool_RunsAsToolActivityWithTheCallsIdempotencyKeyAndItsServices()
    {
        var ledger = new InvoiceLedger();
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count == 1
            ? ScriptedChatClient.ToolCalls(("c1", "create_invoice", Args(("customer", "Fabrikam"), ("amount", 120.5))))
            : ScriptedChatClient.Text("Invoiced."));
        using var host = new AgentTestHost(
            agents => agents.UseChatClient("default", _ => model)
                .AddAgent(new AgentDefinition("billing", "You bill customers.") { Tools = ["create_invoice", "price_of"] })
                .AddToolsFrom<InvoiceTools>(),
            services: s => s.AddSingleton(ledger));

        var result = await host.Context.RunAgentAsync("billing", "Invoice Fabrikam 120.50");

        Assert.Equal(1, host.Context.CountCalls(AgentActivityNames.InvokeTool));
        var call = Assert.Single(result.ToolCalls);
        Assert.False(call.Result.IsError, call.Result.Content);
        var (key, invoice) = Assert.Single(ledger.Invoices);
        Assert.StartsWith("instance-1:", key, StringComparison.Ordinal);
        Assert.Equal("Fabrikam: 120.5", invoice);
        Assert.Contains(key, call.Result.Content, StringComparison.Ordinal);
        var offered = model.Calls[0].Options!.Tools!.Select(t => t.Name).ToList();
        Assert.Equal(["create_invoice", "price_of"], offered);
    }

    [Fact]
    public async Task RunAgentAsync_ToolWithItsOwnApprovers_AsksThemRatherThanTheRunsApprovers()
    {
        var ledger = new InvoiceLedger();
        var model = new ScriptedChatClient((self, messages, _) => self.Calls.Count == 1
            ? ScriptedChatClient.ToolCalls(("v1", "void_invoice", Args(("invoice", "INV-7"))))
            : ScriptedChatClient.Text("Voided."));
        using var host = new AgentTestHost(
            agents => agents.UseChatClient("default", _ => model)
                .AddAgent(new AgentDefinition("billing", "You bill customers.") { Tools = ["void_invoice"] })
                .AddToolsFrom<InvoiceTools>(),
            services: s => s.AddSingleton(ledger));
        host.Notifier.OnNotify = n => host.Context.RaiseEvent(n.Request.EventName, new ApprovalDecision(true, "controller@contoso.example", null, host.Context.Now));

        var result = await host.Context.RunAgentAsync("billing", "Void INV-7", new AgentRunOptions { Approvers = ["alice@contoso.example"] });

        var notification = Assert.Single(host.Notifier.Notifications);
        Assert.Equal(["controller@contoso.example"], notification.Recipients);
        Assert.Equal("void_invoice", notification.Request.ToolName);
        Assert.Equal(["INV-7 (instance-1)"], ledger.Voided);
        Assert.True(Assert.Single(result.ToolCalls).Approval!.Approved);
    }

    [Fact]
    public async Task InvokeTool_StaticMethodOnAGivenInstance_RunsWithoutServices()
    {
        var tools = new ToolCatalog(MethodTools.From(typeof(InvoiceTools), new InvoiceTools(new InvoiceLedger())));
        var function = tools.Get("price_of").Function;

        var answer = await function.InvokeAsync(new AIFunctionArguments(Args(("product", "widget"))));

        Assert.Equal("widget costs 12.50", answer is JsonElement e ? e.GetString() : answer);
    }

    public sealed class InvoiceLedger
    {
        public Dictionary<string, string> Invoices { get; } = [];

        public List<string> Voided { get; } = [];
    }

    public sealed class InvoiceTools(InvoiceLedger ledger)
    {
        [Tool]
        [SideEffecting]
        [Description("Creates an invoice for a customer.")]
        public string CreateInvoice([Description("Who pays.")] string customer, double amount, [IdempotencyKey] string idempotencyKey, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ledger.Invoices.TryAdd(idempotencyKey, $"{customer}: {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            return $"invoice {idempotencyKey}";
        }

        [Tool]
        [RequiresApproval(Approvers = ["controller@contoso.example"])]
        [Description("Voids an invoice.")]
        public Task<string> VoidInvoiceAsync(string invoice, ToolCallContext context)
        {
            ledger.Voided.Add($"{invoice} ({context.InstanceId})");
            return Task.FromResult("voided");
        }

        [Tool("price_of")]
        [Description("The price of a product.")]
        public static string Price(string product) => $"{product} costs 12.50";

        public static string NotATool() => "no";
    }
}
