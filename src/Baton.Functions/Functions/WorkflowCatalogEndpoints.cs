using Baton.Http;
using Baton.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Baton.Functions.Functions;

/// <summary>
/// The catalog on Azure Functions, answered by the same <see cref="WorkflowCatalogApi"/> as the local host:
/// <c>GET /api/workflows</c> lists every workflow with its description, kind and input JSON Schema, and
/// <c>GET /api/workflows/{name}</c> gives one (404 listing the known ones). Function key, like starts.
/// </summary>
public sealed class WorkflowCatalogEndpoints(WorkflowCatalog catalog)
{
    [Function("ListWorkflows")]
    public Task<HttpResponseData> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows")] HttpRequestData request) =>
        HttpReplies.WriteAsync(request, WorkflowCatalogApi.List(catalog));

    [Function("GetWorkflow")]
    public Task<HttpResponseData> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workflows/{name}")] HttpRequestData request,
        string name) =>
        HttpReplies.WriteAsync(request, WorkflowCatalogApi.Get(catalog, name));
}
