using System.ComponentModel;
using System.Reflection;
using Baton.Agents;
using Baton.Durable;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows;

/// <summary>
/// The one way to add workflows, agents and tools to a Baton host, the same on the local host and on Azure Functions:
/// <c>services.AddBaton(b => b.AddWorkflowsFrom(typeof(MyWorkflow).Assembly).AddAgent(...).AddToolsFrom&lt;MyTools&gt;())</c>.
/// A workflow is an orchestrator class marked <c>[DurableTask("name")]</c>: it is registered on the engine and listed in
/// the <see cref="WorkflowCatalog"/> (name, description, input and output types), so it can be started by name; Baton's
/// own workflows are registered the same way. Registrations are read when the container is built; this builder is not
/// thread-safe.
/// </summary>
public sealed class BatonBuilder
{
    private readonly BatonRegistrations _registrations;

    private BatonBuilder(IServiceCollection services, BatonRegistrations registrations, AgentsBuilder agents)
    {
        Services = services;
        _registrations = registrations;
        Agents = agents;
    }

    /// <summary>The service collection, for the services the workflows' activities and tools take.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The agents builder, for chat clients, recording and the built-in tools.</summary>
    public AgentsBuilder Agents { get; }

    /// <summary>
    /// Adds the workflow <typeparamref name="TOrchestrator"/> under its <see cref="DurableTaskAttribute"/> name. The
    /// catalog's description is <paramref name="description"/>, else the class's <see cref="DescriptionAttribute"/>,
    /// else its XML doc summary (when the assembly's documentation file is deployed), else empty. The input is checked
    /// against the JSON Schema of its type before a run is scheduled, and by <paramref name="inputValidator"/> when given
    /// (the orchestrator should run the same validator on its input).
    /// </summary>
    public BatonBuilder AddWorkflow<TOrchestrator>(string? description = null, IWorkflowInputValidator? inputValidator = null)
        where TOrchestrator : class, ITaskOrchestrator => AddWorkflow(typeof(TOrchestrator), description, inputValidator);

    /// <summary>Adds the workflow <paramref name="orchestratorType"/>; see <see cref="AddWorkflow{TOrchestrator}(string?, IWorkflowInputValidator?)"/>.</summary>
    /// <exception cref="ArgumentException">The type is not a concrete orchestrator, or its name is taken by another class.</exception>
    public BatonBuilder AddWorkflow(Type orchestratorType, string? description = null, IWorkflowInputValidator? inputValidator = null)
    {
        RequireConcrete<ITaskOrchestrator>(orchestratorType, "AddWorkflow");
        var (input, output) = OrchestratorTypes(orchestratorType);
        var name = DurableTaskRegistry.GetTaskName(orchestratorType).Name;
        var descriptor = new WorkflowDescriptor(name, input, output, description ?? DescriptionOf(orchestratorType) ?? string.Empty)
        {
            InputValidator = inputValidator,
        };
        _registrations.AddWorkflow(descriptor, orchestratorType, builtIn: false);
        return this;
    }

    /// <summary>
    /// Adds an orchestrator that is not listed in the catalog (a sub-workflow only other workflows start), under its
    /// <see cref="DurableTaskAttribute"/> name.
    /// </summary>
    public BatonBuilder AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
    {
        RequireConcrete<ITaskOrchestrator>(typeof(TOrchestrator), "AddOrchestrator");
        _registrations.AddTask(DurableTaskRegistry.GetTaskName(typeof(TOrchestrator)).Name, typeof(TOrchestrator), isOrchestrator: true, builtIn: false);
        return this;
    }

    /// <summary>Adds the activity <typeparamref name="TActivity"/> under its <see cref="DurableTaskAttribute"/> name.</summary>
    public BatonBuilder AddActivity<TActivity>()
        where TActivity : class, ITaskActivity => AddActivity(typeof(TActivity));

    /// <summary>Adds the activity <paramref name="activityType"/> under its <see cref="DurableTaskAttribute"/> name.</summary>
    public BatonBuilder AddActivity(Type activityType)
    {
        RequireConcrete<ITaskActivity>(activityType, "AddActivity");
        _registrations.AddTask(DurableTaskRegistry.GetTaskName(activityType).Name, activityType, isOrchestrator: false, builtIn: false);
        return this;
    }

    /// <summary>
    /// Adds what <paramref name="assembly"/> holds: every public concrete orchestrator marked <see cref="DurableTaskAttribute"/>
    /// as a workflow, every such activity, the <see cref="ToolAttribute"/> methods of its public classes as tools, and
    /// runs each public <see cref="IBatonModule"/> (for agents, MCP servers and services).
    /// </summary>
    public BatonBuilder AddWorkflowsFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var types = assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }).OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        foreach (var type in types.Where(t => t.GetCustomAttribute<DurableTaskAttribute>() is not null))
        {
            if (typeof(ITaskOrchestrator).IsAssignableFrom(type))
            {
                AddWorkflow(type);
            }
            else if (typeof(ITaskActivity).IsAssignableFrom(type))
            {
                AddActivity(type);
            }
        }

        foreach (var type in types.Where(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Any(m => m.GetCustomAttribute<ToolAttribute>() is not null)))
        {
            Agents.AddToolsFrom(type);
        }

        foreach (var type in types.Where(t => typeof(IBatonModule).IsAssignableFrom(t)))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new ArgumentException($"Module '{type.FullName}' needs a public parameterless constructor to be run by AddWorkflowsFrom.", nameof(assembly));
            }

            ((IBatonModule)Activator.CreateInstance(type)!).Configure(this);
        }

        return this;
    }

    /// <summary>
    /// Adds an agent. It replaces a Baton agent of the same name (e.g. a <c>writer</c> with other instructions); another
    /// agent of the application under the same name fails the container's start.
    /// </summary>
    public BatonBuilder AddAgent(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        foreach (var builtIn in Services.Where(d => d.ServiceType == typeof(AgentDefinition) && d.ImplementationInstance is AgentDefinition a
                     && string.Equals(a.Name, agent.Name, StringComparison.OrdinalIgnoreCase) && WorkflowAgents.All.Contains(a)).ToList())
        {
            Services.Remove(builtIn);
        }

        Agents.AddAgent(agent);
        return this;
    }

    /// <summary>Adds a tool.</summary>
    public BatonBuilder AddTool(AgentTool tool)
    {
        Agents.AddTool(tool);
        return this;
    }

    /// <summary>Adds a tool made from a function (e.g. <c>AIFunctionFactory.Create(...)</c>).</summary>
    public BatonBuilder AddTool(AIFunction function, bool requiresApproval = false, bool sideEffecting = false)
    {
        Agents.AddTool(function, requiresApproval, sideEffecting);
        return this;
    }

    /// <summary>Adds the <see cref="ToolAttribute"/> methods of <typeparamref name="TTools"/> as tools; see <see cref="MethodTools"/>.</summary>
    public BatonBuilder AddToolsFrom<TTools>()
        where TTools : class
    {
        Agents.AddToolsFrom<TTools>();
        return this;
    }

    /// <summary>Adds the <see cref="ToolAttribute"/> methods of <paramref name="instance"/>'s class as tools run on that instance.</summary>
    public BatonBuilder AddToolsFrom(object instance)
    {
        Agents.AddToolsFrom(instance);
        return this;
    }

    /// <summary>Adds the MCP server <paramref name="name"/>; agents list its tools as <c>mcp:{name}/*</c> or <c>mcp:{name}/{tool}</c>.</summary>
    public BatonBuilder AddMcpServer(string name, McpServerSettings settings)
    {
        Agents.AddMcpServer(name, settings);
        return this;
    }

    /// <summary>The builder of <paramref name="services"/>, sharing one set of registrations per collection.</summary>
    internal static BatonBuilder For(IServiceCollection services)
    {
        var registrations = services
            .Where(d => d.ServiceType == typeof(BatonRegistrations) && d.ImplementationInstance is BatonRegistrations)
            .Select(d => (BatonRegistrations)d.ImplementationInstance!)
            .FirstOrDefault();
        if (registrations is null)
        {
            registrations = new BatonRegistrations();
            services.AddSingleton(registrations);
            services.AddOptions();
            services.Configure<DurableTaskRegistry>(registrations.ApplyTo);
        }

        AgentsBuilder? agents = null;
        services.AddBatonAgents(a => agents = a);
        return new BatonBuilder(services, registrations, agents!);
    }

    /// <summary>Adds one of Baton's own workflows with its catalog entry.</summary>
    internal BatonBuilder AddBuiltIn(WorkflowDescriptor descriptor, Type orchestratorType)
    {
        _registrations.AddWorkflow(descriptor, orchestratorType, builtIn: true);
        return this;
    }

    /// <summary>Adds one of Baton's own activities or unlisted orchestrators.</summary>
    internal BatonBuilder AddBuiltInTask(Type type)
    {
        _registrations.AddTask(DurableTaskRegistry.GetTaskName(type).Name, type, typeof(ITaskOrchestrator).IsAssignableFrom(type), builtIn: true);
        return this;
    }

    private static (Type Input, Type Output) OrchestratorTypes(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(TaskOrchestrator<,>))
            {
                var arguments = t.GetGenericArguments();
                return (arguments[0], arguments[1]);
            }
        }

        return (typeof(object), typeof(object));
    }

    private static string? DescriptionOf(Type type) =>
        type.GetCustomAttribute<DescriptionAttribute>()?.Description ?? XmlDocumentation.Summary(type);

    private static void RequireConcrete<T>(Type type, string method)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsClass || type.IsAbstract || !typeof(T).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{method} takes a concrete class implementing {typeof(T).Name}; '{type.FullName}' is not one.", nameof(type));
        }

        if (type.GetCustomAttribute<DurableTaskAttribute>() is null)
        {
            throw new ArgumentException(
                $"Mark '{type.FullName}' with [DurableTask(\"name\")] (Baton.Durable.DurableTaskAttribute): the name it is started and recorded by, " +
                "and the name of its Azure Functions function.", nameof(type));
        }
    }
}
