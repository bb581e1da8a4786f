using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Baton.Functions.Generators;

/// <summary>
/// Writes one Azure Functions function per durable task the app can run: for every class marked
/// <c>[DurableTask("name")]</c> in the app or in any assembly it references, an orchestrator function (for an
/// <c>ITaskOrchestrator</c>) or an activity function (for an <c>ITaskActivity</c>) named after the task. The functions
/// go into the partial classes <c>WorkflowOrchestrators</c> and <c>WorkflowActivities</c> of the app's
/// <c>Baton.Functions.Functions</c> namespace, which run the task by name. A new workflow or activity class therefore
/// appears as a function without a line written for it. Each class also gets <c>FunctionNames</c>, the names of the
/// functions written, which the app compares with its registrations at start-up.
/// </summary>
[Generator]
public sealed class DurableFunctionsGenerator : IIncrementalGenerator
{
    private const string AttributeName = "Baton.Durable.DurableTaskAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, (output, compilation) =>
        {
            var tasks = DurableTasks(compilation);
            output.AddSource("WorkflowOrchestrators.g.cs", Render("WorkflowOrchestrators", tasks.Where(t => t.IsOrchestrator), Orchestrator));
            output.AddSource("WorkflowActivities.g.cs", Render("WorkflowActivities", tasks.Where(t => !t.IsOrchestrator), Activity));
            output.AddSource("WorkflowAssemblies.g.cs", Assemblies(tasks));
        });

    /// <summary>Every durable task class visible to <paramref name="compilation"/>, by name.</summary>
    public static IReadOnlyList<DurableTaskClass> DurableTasks(Compilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName(AttributeName);
        var orchestrator = compilation.GetTypeByMetadataName("Baton.Durable.ITaskOrchestrator");
        var activity = compilation.GetTypeByMetadataName("Baton.Durable.ITaskActivity");
        if (attribute is null || orchestrator is null || activity is null)
        {
            return [];
        }

        var found = new SortedDictionary<string, DurableTaskClass>(System.StringComparer.Ordinal);
        foreach (var assembly in new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols))
        {
            // Only assemblies that can hold durable tasks: those that reference the abstractions (or are them).
            if (!SymbolEqualityComparer.Default.Equals(assembly, attribute.ContainingAssembly)
                && !assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(r => SymbolEqualityComparer.Default.Equals(r, attribute.ContainingAssembly))))
            {
                continue;
            }

            foreach (var type in Types(assembly.GlobalNamespace))
            {
                var name = type.GetAttributes()
                    .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))?
                    .ConstructorArguments.FirstOrDefault().Value as string;
                if (string.IsNullOrWhiteSpace(name) || type.IsAbstract)
                {
                    continue;
                }

                var isOrchestrator = type.AllInterfaces.Contains(orchestrator, SymbolEqualityComparer.Default);
                if (isOrchestrator || type.AllInterfaces.Contains(activity, SymbolEqualityComparer.Default))
                {
                    found[name!] = new DurableTaskClass(name!, type.ToDisplayString(), isOrchestrator, assembly.Identity.Name);
                }
            }
        }

        return [.. found.Values];
    }

    private static IEnumerable<INamedTypeSymbol> Types(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers().SelectMany(Nested))
        {
            yield return type;
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            foreach (var type in Types(child))
            {
                yield return type;
            }
        }
    }

    // A class nested in another is registered like any other (AddWorkflowsFrom takes public nested classes), and the
    // generated function runs it by name, so it gets its function too.
    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.GetTypeMembers().SelectMany(Nested));

    private static string Orchestrator(DurableTaskClass task, string method) =>
        $"    [global::Microsoft.Azure.Functions.Worker.Function({Literal(task.Name)})]\n" +
        $"    public global::System.Threading.Tasks.Task<global::System.Text.Json.JsonElement?> {method}(\n" +
        $"        [global::Microsoft.Azure.Functions.Worker.OrchestrationTrigger] global::Microsoft.DurableTask.TaskOrchestrationContext context) =>\n" +
        $"        RunAsync(context);\n";

    private static string Activity(DurableTaskClass task, string method) =>
        $"    [global::Microsoft.Azure.Functions.Worker.Function({Literal(task.Name)})]\n" +
        $"    public global::System.Threading.Tasks.Task<global::System.Text.Json.JsonElement?> {method}(\n" +
        $"        [global::Microsoft.Azure.Functions.Worker.ActivityTrigger] global::System.Text.Json.JsonElement? input,\n" +
        $"        string instanceId,\n" +
        $"        global::Microsoft.Azure.Functions.Worker.FunctionContext context) =>\n" +
        $"        RunAsync({Literal(task.Name)}, input, instanceId, context);\n";

    private static string Render(string className, IEnumerable<DurableTaskClass> tasks, System.Func<DurableTaskClass, string, string> function)
    {
        var source = new StringBuilder()
            .Append("// <auto-generated/>\n#nullable enable\nnamespace Baton.Functions.Functions;\n\n")
            .Append($"public sealed partial class {className}\n{{\n");
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var task in tasks)
        {
            names.Add(task.Name);
            var method = MethodName(task.Name);
            for (var n = 2; !used.Add(method); n++)
            {
                method = MethodName(task.Name) + n;
            }

            source.Append($"    /// <summary>Runs <c>{task.TypeName.Replace("<", "&lt;").Replace(">", "&gt;")}</c>, registered as {Literal(task.Name).Replace("\"", "&quot;")}.</summary>\n");
            source.Append(function(task, method)).Append('\n');
        }

        // The names the app has functions for, so that start-up can tell a registration without one (Hosting/).
        return source
            .Append("    /// <summary>The names of the functions above, sorted: one per durable task the generator saw.</summary>\n")
            .Append("    internal static readonly string[] FunctionNames =\n    [\n")
            .Append(string.Concat(names.Select(n => $"        {Literal(n)},\n")))
            .Append("    ];\n}\n")
            .ToString();
    }

    // The assemblies whose tasks got functions, so that the app registers the same classes it has functions for.
    private static string Assemblies(IEnumerable<DurableTaskClass> tasks) =>
        "// <auto-generated/>\n#nullable enable\nnamespace Baton.Functions.Functions;\n\n" +
        "/// <summary>The assemblies holding the durable tasks that have generated functions.</summary>\n" +
        "internal static class WorkflowAssemblies\n{\n" +
        "    /// <summary>Their names, sorted.</summary>\n" +
        "    public static readonly string[] Names =\n    [\n" +
        string.Concat(tasks.Select(t => t.AssemblyName).Where(n => n.Length > 0).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).Select(n => $"        {Literal(n)},\n")) +
        "    ];\n}\n";

    private static string MethodName(string name)
    {
        var method = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                method.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return method.Length == 0 || char.IsDigit(method[0]) ? "Task" + method : method.ToString();
    }

    private static string Literal(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
