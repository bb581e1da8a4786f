using System.ComponentModel;
using Baton.Agents;
using Baton.Durable;
using Contoso.Quotes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Workflows.Tests.Registration;

public sealed class BatonBuilderTests
{
    private static ServiceProvider Build(Action<BatonBuilder> configure) =>
        new ServiceCollection().AddLogging().AddBaton(configure).BuildServiceProvider();

    [Fact]
    public void AddWorkflow_Class_IsInTheCatalogAndTheEngineRegistryUnderItsName()
    {
        using var services = Build(b => b.AddWorkflow<EchoWorkflow>().AddActivity<ShoutActivity>());

        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var registry = services.GetRequiredService<IOptions<DurableTaskRegistry>>().Value;

        var echo = catalog.Get("echo");
        Assert.Equal("Echoes its input, shouted.", echo.Description);
        Assert.Equal(typeof(EchoInput), echo.InputType);
        Assert.Equal(typeof(string), echo.OutputType);
        Assert.Equal("echo", echo.Start(new EchoInput("x")).Orchestrator);
        Assert.True(registry.HasOrchestrator("echo"));
        Assert.True(registry.HasActivity("shout"));
        Assert.True(registry.HasOrchestrator(WorkflowNames.ResearchReport));
        Assert.True(registry.HasActivity(AgentActivityNames.InvokeTool));
        Assert.Equal(WorkflowCatalog.BuiltIn.Count + 1, catalog.Workflows.Count);
    }

    [Fact]
    public void AddWorkflowsFrom_Assembly_AddsItsWorkflowsActivitiesToolsAndModules()
    {
        using var services = Build(b => b.AddWorkflowsFrom(typeof(QuoteWorkflow).Assembly));

        var catalog = services.GetRequiredService<WorkflowCatalog>();
        var registry = services.GetRequiredService<IOptions<DurableTaskRegistry>>().Value;
        var agents = services.GetRequiredService<AgentCatalog>();
        var tools = services.GetRequiredService<ToolCatalog>();

        Assert.Equal("Prices a quote request with the quoter agent and reserves the stock.", catalog.Get(QuoteWorkflow.Name).Description);
        Assert.Equal(typeof(QuoteRequest), catalog.Get(QuoteWorkflow.Name).InputType);
        Assert.StartsWith("The clause checker agent runs over a clause with the tools of the MCP server \"contracts\"", catalog.Get(ClauseCheckWorkflow.Name).Description, StringComparison.Ordinal);
        Assert.True(registry.HasActivity(NormalizeCustomerActivity.Name));
        Assert.Equal(["quote_price", "reserve_stock"], agents.Get(QuotesModule.Quoter).Tools);
        Assert.Contains("quote_price", tools.Names);
        Assert.True(tools.Get("reserve_stock").SideEffecting);
        Assert.NotNull(services.GetService<PriceList>());
    }

    [Fact]
    public void AddWorkflow_SameClassTwice_IsRegisteredOnce()
    {
        using var services = Build(b => b.AddWorkflowsFrom(typeof(QuoteWorkflow).Assembly).AddWorkflow<QuoteWorkflow>());

        Assert.Single(services.GetRequiredService<WorkflowCatalog>().Workflows, w => w.Name == QuoteWorkflow.Name);
        Assert.True(services.GetRequiredService<IOptions<DurableTaskRegistry>>().Value.HasOrchestrator(QuoteWorkflow.Name));
    }

    [Fact]
    public void AddWorkflow_TwoClassesWithOneName_SaysWhichToRename()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(b => b.AddWorkflow<EchoWorkflow>().AddWorkflow<OtherEchoWorkflow>()));

        Assert.Contains("'echo' is registered twice", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(OtherEchoWorkflow).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("[DurableTask(\"name\")]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflow_NameOfABuiltInWorkflow_SaysWhichToRename()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(b => b.AddWorkflow<MyResearchReport>()));

        Assert.Contains("'research-report' is registered twice", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ResearchReportOrchestrator), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflow_ClassWithoutDurableTask_SaysToMarkIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(b => b.AddWorkflow<UnnamedWorkflow>()));

        Assert.Contains("[DurableTask(\"name\")]", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UnnamedWorkflow), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAgent_NameOfABatonAgent_ReplacesIt()
    {
        var writer = new AgentDefinition(WorkflowAgentNames.Writer, "Write in French.");
        using var services = Build(b => b.AddAgent(writer));

        Assert.Equal("Write in French.", services.GetRequiredService<AgentCatalog>().Get(WorkflowAgentNames.Writer).Instructions);
    }

    [Fact]
    public void Get_UnknownWorkflow_SaysHowToRegisterIt()
    {
        using var services = Build(b => b.AddWorkflow<EchoWorkflow>());

        var error = Assert.Throws<WorkflowNotFoundException>(() => services.GetRequiredService<WorkflowCatalog>().Get("invoice-dispute"));

        Assert.Contains("echo", error.Message, StringComparison.Ordinal);
        Assert.Contains("services.AddBaton(b => b.AddWorkflow<YourOrchestrator>())", error.Message, StringComparison.Ordinal);
        Assert.Contains("[DurableTask(\"invoice-dispute\")]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentCatalog_UnknownAgent_SaysHowToRegisterIt()
    {
        using var services = Build(_ => { });

        var error = Assert.Throws<AgentNotFoundException>(() => services.GetRequiredService<AgentCatalog>().Get("finalizer"));

        Assert.Contains("services.AddBaton(b => b.AddAgent(new AgentDefinition(\"finalizer\"", error.Message, StringComparison.Ordinal);
    }

    public sealed record EchoInput(string Text);

    [DurableTask("echo")]
    [Description("Echoes its input, shouted.")]
    public sealed class EchoWorkflow : TaskOrchestrator<EchoInput, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, EchoInput input) =>
            context.CallActivityAsync<string>("shout", input.Text);
    }

    [DurableTask("echo")]
    public sealed class OtherEchoWorkflow : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }

    [DurableTask(WorkflowNames.ResearchReport)]
    public sealed class MyResearchReport : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }

    public sealed class UnnamedWorkflow : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }

    [DurableTask("shout")]
    public sealed class ShoutActivity : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input.ToUpperInvariant());
    }
}
