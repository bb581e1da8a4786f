using System.Reflection;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents;

/// <summary>
/// Makes tools of the public methods marked <see cref="ToolAttribute"/>, with Microsoft.Extensions.AI's
/// <see cref="AIFunctionFactory"/>: the method's description and parameters describe the tool to the model,
/// <see cref="RequiresApprovalAttribute"/> and <see cref="SideEffectingAttribute"/> say how carefully it runs, and
/// <see cref="ToolCallContext"/>, <see cref="IdempotencyKeyAttribute"/> string, <see cref="CancellationToken"/> and
/// <see cref="IServiceProvider"/> parameters are bound by Baton, never by the model. An instance method runs on a new
/// instance made from the service provider for each call (constructor dependencies come from it) unless an instance is
/// given.
/// </summary>
public static class MethodTools
{
    /// <summary>The tools of <paramref name="toolType"/>'s public methods marked <see cref="ToolAttribute"/>.</summary>
    /// <param name="toolType">The class declaring the methods.</param>
    /// <param name="instance">The instance instance methods run on; null to make one per call from the services.</param>
    /// <exception cref="ArgumentException">The type has no such method, or two share a name.</exception>
    public static IReadOnlyList<AgentTool> From(Type toolType, object? instance = null)
    {
        ArgumentNullException.ThrowIfNull(toolType);
        if (instance is not null && !toolType.IsInstanceOfType(instance))
        {
            throw new ArgumentException($"The instance is a {instance.GetType().FullName}, not a {toolType.FullName}.", nameof(instance));
        }

        var methods = toolType
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<ToolAttribute>() is not null)
            .OrderBy(m => m.MetadataToken)
            .ToList();
        if (methods.Count == 0)
        {
            throw new ArgumentException(
                $"Type '{toolType.FullName}' has no public method marked [Tool]. Mark each method agents may call with [Tool] (Baton.Agents.ToolAttribute).",
                nameof(toolType));
        }

        var tools = methods.Select(m => FromMethod(m, instance)).ToList();
        if (tools.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Type '{toolType.FullName}' has two tools named '{duplicate.Key}'. Give one of them another name with [Tool(\"name\")].", nameof(toolType));
        }

        return tools;
    }

    /// <summary>The tool of one method marked <see cref="ToolAttribute"/> (or any public method, named after it).</summary>
    public static AgentTool FromMethod(MethodInfo method, object? instance = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!method.IsStatic && instance is null && (method.DeclaringType is null || method.DeclaringType.IsAbstract))
        {
            throw new ArgumentException($"Tool method '{method.Name}' is an instance method of an abstract type; make it static or give an instance.", nameof(method));
        }

        var name = method.GetCustomAttribute<ToolAttribute>()?.Name ?? SnakeCase(method.Name);
        var options = new AIFunctionFactoryOptions
        {
            Name = name,
            ConfigureParameterBinding = Bind,
        };
        var declaringType = method.DeclaringType!;
        var function = method.IsStatic
            ? AIFunctionFactory.Create(method, target: null, options)
            : instance is not null
                ? AIFunctionFactory.Create(method, instance, options)
                : AIFunctionFactory.Create(method, arguments => ActivatorUtilities.CreateInstance(Services(arguments, name), declaringType), options);

        var approval = method.GetCustomAttribute<RequiresApprovalAttribute>();
        return new AgentTool(function, approval is not null, method.GetCustomAttribute<SideEffectingAttribute>() is not null)
        {
            Approvers = approval?.Approvers ?? [],
        };
    }

    private static AIFunctionFactoryOptions.ParameterBindingOptions Bind(ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(ToolCallContext))
        {
            return new() { ExcludeFromSchema = true, BindParameter = (_, arguments) => ToolCallContext.From(arguments) };
        }

        if (parameter.GetCustomAttribute<IdempotencyKeyAttribute>() is not null)
        {
            if (parameter.ParameterType != typeof(string))
            {
                throw new ArgumentException($"Parameter '{parameter.Name}' of tool method '{parameter.Member.Name}' is marked [IdempotencyKey] but is not a string.", nameof(parameter));
            }

            return new() { ExcludeFromSchema = true, BindParameter = (_, arguments) => ToolCallContext.From(arguments).IdempotencyKey };
        }

        return default;
    }

    private static IServiceProvider Services(AIFunctionArguments arguments, string tool) =>
        arguments.Services ?? throw new InvalidOperationException($"Tool '{tool}' needs a service provider to create its class; it runs inside the InvokeTool activity, which supplies one.");

    /// <summary><c>CreateInvoiceAsync</c> as <c>create_invoice</c>.</summary>
    internal static string SnakeCase(string name)
    {
        if (name.EndsWith("Async", StringComparison.Ordinal) && name.Length > 5)
        {
            name = name[..^5];
        }

        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
