using System.Text.Json.Nodes;
using Baton.Durable;
using Baton.Workflows;

namespace Baton.Http;

/// <summary>
/// <c>POST /api/workflows/{name}[?instanceId=]</c>: validates the body against the workflow's input type and starts a
/// run. 202 with <c>Location</c> and the check-status payload; 404 listing the known workflows; 400 naming the field at
/// fault; 409 when the instance id is still pending, running or suspended. Thread-safe.
/// </summary>
public sealed class WorkflowStartApi(DurableTaskClient client, WorkflowCatalog catalog, RequestLimits? limits = null)
{
    private readonly RequestLimits _limits = limits ?? RequestLimits.Default;

    /// <summary>Starts workflow <paramref name="name"/> with the JSON <paramref name="body"/>.</summary>
    public async Task<HttpReply> StartAsync(RequestOrigin origin, string name, string? instanceId, string? body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (Prepare(catalog, name, instanceId, body, _limits, out var workflow, out var input) is { } problem)
        {
            return problem;
        }

        string id;
        try
        {
            var start = workflow!.Start(input);
            id = await client.ScheduleNewOrchestrationInstanceAsync(start.Orchestrator, start.Input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            return AlreadyRunning(e.InstanceId, e.Status.ToString(), e.Message);
        }
        catch (ArgumentException e)
        {
            return Problems.InvalidField("instanceId", Problems.WithoutParameterName(e));
        }

        var payload = ManagementUrls.CreatePayload(origin, id);
        return HttpReply.FromJson(202, payload).WithHeader("Location", payload.StatusQueryGetUri);
    }

    /// <summary>
    /// Checks a start request without starting anything: the workflow exists (404 listing the known ones), the instance
    /// id is not blank, and the body reads as the workflow's input (400 naming the field). Returns the problem to answer
    /// with, or null with the workflow and its input. Every host validates starts through this one method.
    /// </summary>
    public static HttpReply? Prepare(WorkflowCatalog catalog, string name, string? instanceId, string? body, out WorkflowDescriptor? workflow, out object? input) =>
        Prepare(catalog, name, instanceId, body, RequestLimits.Default, out workflow, out input);

    /// <summary>As <see cref="Prepare(WorkflowCatalog, string, string?, string?, out WorkflowDescriptor?, out object?)"/>, with the body's size limit (413 above it).</summary>
    public static HttpReply? Prepare(
        WorkflowCatalog catalog, string name, string? instanceId, string? body, RequestLimits limits, out WorkflowDescriptor? workflow, out object? input)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(limits);
        input = null;
        if (!catalog.TryGet(name, out workflow))
        {
            return WorkflowCatalogApi.NotFound(catalog, name);
        }

        if (instanceId is not null && string.IsNullOrWhiteSpace(instanceId))
        {
            return Problems.InvalidField("instanceId", "The instanceId query parameter is empty; leave it out for a new id.");
        }

        if (instanceId is not null && InstanceIdRules.Check(instanceId) is { } wrong)
        {
            return Problems.InvalidField("instanceId", wrong);
        }

        if (limits.CheckInput(body) is { } tooLarge)
        {
            return tooLarge;
        }

        input = StartRequestValidator.Read(workflow, body, out var problem);
        return problem;
    }

    /// <summary>The 409 for an instance id whose instance is still pending, running or suspended.</summary>
    public static HttpReply AlreadyRunning(string instanceId, string runtimeStatus, string? detail = null) =>
        Problems.Conflict(
            detail ?? new OrchestrationAlreadyExistsException(instanceId, Enum.Parse<OrchestrationRuntimeStatus>(runtimeStatus)).Message,
            new Dictionary<string, JsonNode?>
            {
                ["instanceId"] = instanceId,
                ["runtimeStatus"] = runtimeStatus,
            });
}
