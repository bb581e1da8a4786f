using Baton.Approvals;
using Baton.Functions.Adapter;
using Baton.Http;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Baton.Functions.Functions;

/// <summary>
/// Approval links on Azure Functions, answered by the same <see cref="ApprovalLinkApi"/> as the local host:
/// <c>GET /api/approvals/{token}</c> shows the page, <c>POST</c> records the decision (the signed token is the
/// credential, so these two take no function key), and <c>GET /api/approvals?status=pending[&amp;approver=]</c>
/// lists what waits for whom (function key).
/// </summary>
public sealed class ApprovalEndpoints(
    RegisteredTaskRunner runner,
    IApprovalTokenService tokens,
    ApprovalAntiforgery antiforgery,
    RecentApprovalDecisions recentDecisions,
    TimeProvider time,
    ILogger<ApprovalLinkApi> logger)
{
    [Function("ApprovalPage")]
    public async Task<HttpResponseData> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequestData request,
        string token,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await HttpReplies.WriteAsync(request, await Api(client).GetAsync(token, context.CancellationToken));

    [Function("ApprovalDecision")]
    public async Task<HttpResponseData> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequestData request,
        string token,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.CancellationToken);
        var contentType = request.Headers.TryGetValues("Content-Type", out var types) ? types.FirstOrDefault() : null;
        var cookies = request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
        return await HttpReplies.WriteAsync(request, await Api(client).PostAsync(token, contentType, body, cookies, context.CancellationToken));
    }

    [Function("PendingApprovals")]
    public async Task<HttpResponseData> Pending(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "approvals")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        return await HttpReplies.WriteAsync(request, await Api(client).ListAsync(query["status"], query["approver"], context.CancellationToken));
    }

    // The Durable client is bound per invocation; the decisions guard is the process's, shared by every request.
    private ApprovalLinkApi Api(DurableTaskClient client) =>
        new(new FunctionsDurableTaskClient(client, runner), tokens, antiforgery, time, logger, recentDecisions);
}
