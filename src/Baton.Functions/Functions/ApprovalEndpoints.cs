using System.Text.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Functions.Adapter;
using Baton.Http;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Functions.Functions;

/// <summary>
/// Approvals on Azure Functions, answered by the same <see cref="ApprovalLinkApi"/> and approvals ledger as the local
/// host (the table <c>&lt;hub&gt;Approvals</c> on the AzureWebJobsStorage account; no history is read):
/// <c>GET /api/approvals/{token}</c> shows the page, <c>POST</c> decides (the signed token is the credential, so these
/// two take no function key), and <c>GET /api/approvals?status=pending|decided|expired[&amp;approver=]</c> lists them
/// (function key). The ledger's sweep (every 30 seconds: decisions lost to a crash reach their run, approvals of ended
/// runs close) lives here too; the <see cref="AgentActivityNames.SettleApproval"/> activity is a generated function like
/// every other activity (<see cref="WorkflowActivities"/>).
/// </summary>
public sealed class ApprovalEndpoints(
    RegisteredTaskRunner runner,
    IApprovalTokenService tokens,
    ApprovalAntiforgery antiforgery,
    IApprovalLedger ledger,
    IOptions<ApprovalDeciderOptions> deciderOptions,
    TimeProvider time,
    ILoggerFactory loggers)
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

    [Function("ApprovalLedgerSweep")]
    public async Task Sweep([TimerTrigger("*/30 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        var (delivered, closed) = await Decider(client).SweepAsync(context.CancellationToken);
        if (delivered + closed > 0)
        {
            loggers.CreateLogger<ApprovalEndpoints>().LogInformation("Approvals sweep: {Delivered} lost decision(s) delivered, {Closed} approval(s) of ended runs closed.", delivered, closed);
        }
    }

    // The Durable client is bound per invocation; the ledger is the app's, shared by every instance of it.
    private ApprovalDecider Decider(DurableTaskClient client) =>
        new(ledger, new FunctionsDurableTaskClient(client, runner), time, deciderOptions, loggers.CreateLogger<ApprovalDecider>());

    private ApprovalLinkApi Api(DurableTaskClient client) =>
        new(Decider(client), tokens, antiforgery, time, loggers.CreateLogger<ApprovalLinkApi>());
}
