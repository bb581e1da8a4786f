using Baton.Functions.Functions;
using Baton.Functions.Generators;
using Contoso.Quotes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// An application's own workflow, activity, agent and C# tools (tests/Baton.Extensions.Sample), added with the public
/// registration call and no change to Baton's code, run by the Functions app on Durable's engine (with the functions its
/// generator writes for the referenced assembly) and on Baton's engine, with the offline model: the runs end alike.
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class UserWorkflowConformanceTests
{
    [Fact]
    public void Generator_AppReferencingTheAssembly_WritesItsOrchestratorAndActivityFunctions()
    {
        var compilation = CSharpCompilation.Create(
            "Baton.Functions",
            [CSharpSyntaxTree.ParseText("namespace Baton.Functions.Functions; public sealed partial class WorkflowOrchestrators; public sealed partial class WorkflowActivities;")],
            [.. AppDomain.CurrentDomain.GetAssemblies().Append(typeof(QuoteWorkflow).Assembly).Distinct().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => MetadataReference.CreateFromFile(a.Location))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var generated = CSharpGeneratorDriver.Create(new DurableFunctionsGenerator()).RunGenerators(compilation).GetRunResult()
            .GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());

        Assert.Contains($"Function(\"{QuoteWorkflow.Name}\")", generated["WorkflowOrchestrators.g.cs"], StringComparison.Ordinal);
        Assert.Contains($"Function(\"{ClauseCheckWorkflow.Name}\")", generated["WorkflowOrchestrators.g.cs"], StringComparison.Ordinal);
        Assert.Contains($"Function(\"{NormalizeCustomerActivity.Name}\")", generated["WorkflowActivities.g.cs"], StringComparison.Ordinal);
        Assert.Contains($"\"{typeof(QuoteWorkflow).Assembly.GetName().Name}\"", generated["WorkflowAssemblies.g.cs"], StringComparison.Ordinal);
        Assert.Equal(
            [ClauseCheckWorkflow.Name, NormalizeCustomerActivity.Name, QuoteWorkflow.Name],
            AppFunctions.GeneratedFor(typeof(QuoteWorkflow).Assembly).Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void BuiltApp_GeneratedAssemblyList_HoldsBatonsWorkflowAssemblies()
    {
        Assert.Contains("Baton.Workflows", WorkflowAssemblies.Names);
        Assert.Contains("Baton.Agents", WorkflowAssemblies.Names);
    }

    [Fact]
    public async Task QuoteRequest_RegisteredWithAddBaton_RunsAlikeOnDurableFunctionsAndBatonsEngine()
    {
        var (output, run) = await CatalogConformanceTests.AssertSameOnBothEnginesAsync(new ConformanceScenario(
            QuoteWorkflow.Name,
            new QuoteRequest(" northwind ", "widget", 4))
        {
            Baton = baton => baton.AddWorkflowsFrom(typeof(QuoteWorkflow).Assembly),
            AppReferences = [typeof(QuoteWorkflow).Assembly],
        });

        Assert.Equal("NORTHWIND", output.GetProperty("customer").GetString());
        var calls = output.GetProperty("toolCalls").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Contains("quote_price: 4 x widget = 50.00 EUR", calls);
        Assert.Contains("reserve_stock: reserved 4 x widget", calls);
        Assert.True(run.ModelCalls >= 2);
    }
}
