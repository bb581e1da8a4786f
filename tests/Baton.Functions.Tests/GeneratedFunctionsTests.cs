using System.Reflection;
using Baton.Functions.Functions;
using Baton.Functions.Generators;
using Baton.Functions.Tests.Conformance;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Functions.Tests;

/// <summary>
/// The Functions app's orchestrator and activity functions are written by a source generator from the
/// <c>[DurableTask]</c> classes it can see: the built app has one for every task it registers, and a new class gets
/// its function with no line written for it.
/// </summary>
public sealed class GeneratedFunctionsTests
{
    [Fact]
    public void BuiltApp_EveryRegisteredOrchestratorAndActivity_HasAFunctionWithItsTrigger()
    {
        var registry = new Baton.Durable.DurableTaskRegistry().AddBatonWorkflows();

        Assert.Equal(registry.OrchestratorNames.Order(StringComparer.Ordinal), AppFunctions.Orchestrators.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(registry.ActivityNames.Order(StringComparer.Ordinal), AppFunctions.Activities.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(AppFunctions.Orchestrators, f => Assert.Equal(typeof(WorkflowOrchestrators), f.Method.DeclaringType));
        Assert.All(AppFunctions.Activities, f => Assert.Equal(typeof(WorkflowActivities), f.Method.DeclaringType));
    }

    [Fact]
    public void BuiltApp_GeneratedFunctionNames_AreExactlyItsOrchestratorAndActivityFunctions()
    {
        Assert.Equal(AppFunctions.Orchestrators.Select(f => f.Name).Order(StringComparer.Ordinal), WorkflowOrchestrators.FunctionNames);
        Assert.Equal(AppFunctions.Activities.Select(f => f.Name).Order(StringComparer.Ordinal), WorkflowActivities.FunctionNames);
    }

    [Fact]
    public void Generator_NestedClass_GetsItsFunctionAndIsListed()
    {
        const string source = """
            using System.Threading.Tasks;
            using Baton.Durable;

            namespace Contoso.Contracts;

            public static class LeaseWorkflows
            {
                [DurableTask("lease-renewal")]
                public sealed class Renewal : TaskOrchestrator<string, string>
                {
                    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Contoso.Functions",
            [CSharpSyntaxTree.ParseText(source)],
            [.. AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => MetadataReference.CreateFromFile(a.Location))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var orchestrators = CSharpGeneratorDriver.Create(new DurableFunctionsGenerator()).RunGenerators(compilation).GetRunResult()
            .GeneratedTrees.Single(t => Path.GetFileName(t.FilePath) == "WorkflowOrchestrators.g.cs").ToString();

        Assert.Contains(DurableFunctionsGenerator.DurableTasks(compilation), t => t is { Name: "lease-renewal", IsOrchestrator: true, TypeName: "Contoso.Contracts.LeaseWorkflows.Renewal" });
        Assert.Contains("Function(\"lease-renewal\")", orchestrators, StringComparison.Ordinal);
        var names = orchestrators[orchestrators.IndexOf("FunctionNames", StringComparison.Ordinal)..];
        Assert.Contains("\"lease-renewal\",", names, StringComparison.Ordinal);
        Assert.Contains($"\"{WorkflowNames.ResearchReport}\",", names, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_NewWorkflowAndActivityClasses_BecomeFunctions()
    {
        const string source = """
            using System.Threading.Tasks;
            using Baton.Durable;

            namespace Contoso.Contracts;

            [DurableTask("lease-review")]
            public sealed class LeaseReview : TaskOrchestrator<string, string>
            {
                public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
            }

            [DurableTask("send-to-legal")]
            public sealed class SendToLegal : TaskActivity<string, string>
            {
                public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
            }

            public sealed class NotADurableTask;
            """;
        var compilation = CSharpCompilation.Create(
            "Contoso.Functions",
            [CSharpSyntaxTree.ParseText(source)],
            [.. AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => MetadataReference.CreateFromFile(a.Location))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var tasks = DurableFunctionsGenerator.DurableTasks(compilation);
        var driver = CSharpGeneratorDriver.Create(new DurableFunctionsGenerator()).RunGenerators(compilation);
        var generated = driver.GetRunResult().GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());

        Assert.Contains(tasks, t => t is { Name: "lease-review", IsOrchestrator: true, TypeName: "Contoso.Contracts.LeaseReview" });
        Assert.Contains(tasks, t => t is { Name: "send-to-legal", IsOrchestrator: false });
        Assert.Contains(tasks, t => t.Name == WorkflowNames.ResearchReport);
        Assert.DoesNotContain(tasks, t => t.TypeName.EndsWith("NotADurableTask", StringComparison.Ordinal));
        Assert.Contains("Function(\"lease-review\")", generated["WorkflowOrchestrators.g.cs"], StringComparison.Ordinal);
        Assert.Contains("LeaseReview(", generated["WorkflowOrchestrators.g.cs"], StringComparison.Ordinal);
        Assert.Contains("OrchestrationTrigger", generated["WorkflowOrchestrators.g.cs"], StringComparison.Ordinal);
        Assert.Contains("Function(\"send-to-legal\")", generated["WorkflowActivities.g.cs"], StringComparison.Ordinal);
        Assert.Contains("ActivityTrigger", generated["WorkflowActivities.g.cs"], StringComparison.Ordinal);
        Assert.DoesNotContain("send-to-legal", generated["WorkflowOrchestrators.g.cs"], StringComparison.Ordinal);
    }
}
