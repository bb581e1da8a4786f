using System.Reflection;
using System.Text.Json;
using Baton.Functions.Functions;
using Baton.Functions.Generators;
using Baton.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// The app's orchestrator and activity functions, found as the Functions host finds them: every method with a
/// <see cref="FunctionAttribute"/> whose parameters carry an <see cref="OrchestrationTriggerAttribute"/> or an
/// <see cref="ActivityTriggerAttribute"/>. Each is registered on Durable's worker under its function name and invoked
/// on a fresh instance of its class made from the app's container, as the worker does per invocation.
/// </summary>
internal static class AppFunctions
{
    /// <summary>Function name and method of every orchestrator function of the app.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method)> Orchestrators { get; } = Find<OrchestrationTriggerAttribute>();

    /// <summary>Function name and method of every activity function of the app.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method)> Activities { get; } = Find<ActivityTriggerAttribute>();

    /// <summary>
    /// The functions the app's source generator writes for the <c>[DurableTask]</c> classes of <paramref name="reference"/>
    /// when the app references it: the generator is run over a compilation that references it, as the app's build would.
    /// </summary>
    public static IReadOnlyList<DurableTaskClass> GeneratedFor(Assembly reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var compilation = CSharpCompilation.Create(
            "Baton.Functions.WithReference",
            [],
            [.. AppDomain.CurrentDomain.GetAssemblies().Append(reference).Distinct().Where(a => !a.IsDynamic && a.Location.Length > 0).Select(a => MetadataReference.CreateFromFile(a.Location))],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        return [.. DurableFunctionsGenerator.DurableTasks(compilation).Where(t => t.AssemblyName == reference.GetName().Name)];
    }

    /// <summary>
    /// The function names the app would have if it referenced <paramref name="references"/>: its own generated ones and
    /// those the generator writes for their tasks, for the app's start-up check that every registration has a function.
    /// </summary>
    public static DurableFunctionNames Names(IReadOnlyList<Assembly> references)
    {
        var referenced = references.SelectMany(GeneratedFor).ToList();
        return DurableFunctionNames.Generated.With(
            referenced.Where(t => t.IsOrchestrator).Select(t => t.Name),
            referenced.Where(t => !t.IsOrchestrator).Select(t => t.Name));
    }

    /// <summary>
    /// Registers every orchestrator and activity function of the app on <paramref name="registry"/>, and those the
    /// generator writes for the tasks of <paramref name="references"/>: each runs what a generated function runs, the
    /// function class's dispatch by name.
    /// </summary>
    public static void Register(Df.DurableTaskRegistry registry, Func<IServiceProvider> services, IReadOnlyList<Assembly>? references = null)
    {
        var referenced = (references ?? []).SelectMany(GeneratedFor).ToList();
        var dispatchOrchestrator = typeof(WorkflowOrchestrators).GetMethod("RunAsync", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var dispatchActivity = typeof(WorkflowActivities).GetMethod("RunAsync", BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var task in referenced)
        {
            if (task.IsOrchestrator)
            {
                registry.AddOrchestratorFunc<object?, object?>(task.Name, async (context, _) =>
                {
                    var provider = services();
                    var functions = ActivatorUtilities.CreateInstance<WorkflowOrchestrators>(provider);
                    return await (Task<JsonElement?>)dispatchOrchestrator.Invoke(functions, [FunctionsWorkerParts.OrchestrationContext(context, provider)])!;
                });
            }
            else
            {
                registry.AddActivityFunc<JsonElement?, object?>(task.Name, async (context, input) =>
                {
                    var provider = services();
                    var functions = ActivatorUtilities.CreateInstance<WorkflowActivities>(provider);
                    return await (Task<JsonElement?>)dispatchActivity.Invoke(functions, [task.Name, input, context.InstanceId, FunctionsWorkerParts.FunctionContext(provider, CancellationToken.None)])!;
                });
            }
        }

        foreach (var (name, method) in Orchestrators)
        {
            registry.AddOrchestratorFunc<object?, object?>(name, async (context, _) =>
            {
                var provider = services();
                var functions = ActivatorUtilities.CreateInstance(provider, method.DeclaringType!);
                var functionsContext = FunctionsWorkerParts.OrchestrationContext(context, provider);
                return await (Task<JsonElement?>)method.Invoke(functions, [functionsContext])!;
            });
        }

        foreach (var (name, method) in Activities)
        {
            registry.AddActivityFunc<JsonElement?, object?>(name, async (context, input) =>
            {
                var provider = services();
                var functions = ActivatorUtilities.CreateInstance(provider, method.DeclaringType!);
                var arguments = method.GetParameters().Select<ParameterInfo, object?>(p => p switch
                {
                    _ when p.GetCustomAttribute<ActivityTriggerAttribute>() is not null => input,
                    { Name: "instanceId" } => context.InstanceId,
                    _ when p.ParameterType == typeof(FunctionContext) => FunctionsWorkerParts.FunctionContext(provider, CancellationToken.None),
                    _ => throw new InvalidOperationException($"Activity function {name} has a parameter '{p.Name}' the conformance host cannot bind."),
                }).ToArray();
                return await (Task<JsonElement?>)method.Invoke(functions, arguments)!;
            });
        }
    }

    private static List<(string, MethodInfo)> Find<TTrigger>()
        where TTrigger : Attribute =>
        [
            .. typeof(FunctionsAppServices).Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
                .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
                .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m)),
        ];
}
