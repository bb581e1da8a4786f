using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
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

    /// <summary>Registers every orchestrator and activity function of the app on <paramref name="registry"/>.</summary>
    public static void Register(Df.DurableTaskRegistry registry, Func<IServiceProvider> services)
    {
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
