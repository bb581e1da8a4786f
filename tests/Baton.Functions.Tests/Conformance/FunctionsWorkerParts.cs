using System.Reflection;
using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Df = Microsoft.DurableTask;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// The parts of the Functions worker's Durable extension that stand between Durable's worker and an orchestrator or
/// activity function, taken from the extension itself (its types are internal, so they are created by name): the
/// <c>FunctionsOrchestrationContext</c> that wraps Durable's context for an orchestrator function (it throws when the
/// function awaits anything but durable tasks) and the <c>ObjectConverterShim</c> that makes the worker's
/// <see cref="ObjectSerializer"/> Durable's data converter.
/// </summary>
internal static class FunctionsWorkerParts
{
    private static readonly Assembly Extension = typeof(OrchestrationTriggerAttribute).Assembly;

    /// <summary>
    /// The data converter the extension installs: its shim over the worker's default serializer (System.Text.Json with
    /// case-insensitive property names, as <c>ConfigureFunctionsWorkerDefaults</c> sets it up).
    /// </summary>
    public static Df.DataConverter DataConverter() =>
        (Df.DataConverter)Create(
            "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.ObjectConverterShim",
            new JsonObjectSerializer(new JsonSerializerOptions { PropertyNameCaseInsensitive = true }));

    /// <summary>Durable's context as an orchestrator function receives it from the extension.</summary>
    public static Df.TaskOrchestrationContext OrchestrationContext(Df.TaskOrchestrationContext inner, IServiceProvider services) =>
        (Df.TaskOrchestrationContext)Create(
            "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.FunctionsOrchestrationContext",
            inner,
            FunctionContext(services, CancellationToken.None));

    /// <summary>A function invocation's context: its services and cancellation token.</summary>
    public static FunctionContext FunctionContext(IServiceProvider services, CancellationToken cancellationToken)
    {
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InstanceServices).Returns(services);
        context.SetupGet(c => c.CancellationToken).Returns(cancellationToken);
        context.SetupGet(c => c.InvocationId).Returns(Guid.NewGuid().ToString());
        return context.Object;
    }

    private static object Create(string typeName, params object[] arguments)
    {
        var type = Extension.GetType(typeName, throwOnError: false)
            ?? throw new InvalidOperationException($"{typeName} is not in {Extension.GetName()}: the conformance suite models that version of the Durable extension; update it with the package.");
        return Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, arguments, null)!;
    }
}
