using System.Net.Http.Json;
using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Baton.Durable.DependencyInjection;
using Baton.Http;
using Baton.Testing;
using Baton.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Dashboard.Tests.Hosting;

/// <summary>
/// A small ASP.NET Core app on 127.0.0.1 with a free port: the in-memory engine, the workflows on the offline model,
/// Baton.Http's management API and approval pages, and the dashboard; routes other than the approval links demand
/// the key <see cref="Key"/> in the <c>x-functions-key</c> header or the <c>code</c> query, as a host with keys on would.
/// </summary>
internal sealed class DashboardTestApp : IAsyncDisposable
{
    public const string Key = "dashboard-test-key";
    public const string Approver = "ann@example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string _dataDirectory;

    private DashboardTestApp(WebApplication app, string dataDirectory)
    {
        App = app;
        _dataDirectory = dataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public DurableTaskClient Client => App.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<DashboardTestApp> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "baton-dashboard-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Approvals:SigningKey"] = "dashboard-test-signing-key-of-at-least-32-bytes",
            ["Baton:Approvals:DataDirectory"] = data,
            ["Baton:Approvals:OutboxDirectory"] = Path.Combine(data, "outbox"),
            ["Baton:Approvals:PublicBaseUrl"] = "http://127.0.0.1",
        });
        var services = builder.Services;
        var sources = new InMemoryDocumentStore();
        await Seed(sources);
        services.AddSingleton<IDocumentStore>(sources);
        services.AddBatonAgents(agents =>
        {
            agents.AddAgent(new AgentDefinition(ScriptedChatClient.Drafter, "You draft contracts.\n\nWrite **plain** clauses.", ScriptedChatClient.ModelKey));
            agents.AddAgent(new AgentDefinition(ScriptedChatClient.Checker, "You check clauses against the template.", ScriptedChatClient.ModelKey)
            {
                Tools = [ScriptedChatClient.LookupTool, ScriptedChatClient.BrokenTool],
            });
            agents.AddTools(_ => ScriptedChatClient.Tools());
            agents.UseChatClient(ScriptedChatClient.ModelKey, _ => new ScriptedChatClient(), "gpt-4.1-mini");
        });
        services.AddBatonWorkflows();
        services.AddBatonApprovals(builder.Configuration);
        services.AddInMemoryOrchestrationStore();
        services.AddDurableEngine(registry => registry.AddBatonWorkflows().AddOrchestrator<ContractReviewWorkflow>().AddOrchestrator<ClauseCheckWorkflow>(), worker =>
        {
            worker.MaxConcurrentActivityFunctions = 8;
            worker.MaxConcurrentOrchestratorFunctions = 4;
        });
        services.AddSingleton<InstanceManagementApi>();
        services.AddSingleton(ApprovalAntiforgery.FromSecret("dashboard-test-antiforgery-secret"));
        services.AddSingleton<ApprovalLinkApi>();
        services.AddBatonDashboard(options => options.RefreshSeconds = 1);
        services.AddOptions<DashboardOptions>().Configure<IApprovalTokenService>((options, tokens) =>
            options.ApprovalLink = pending => new Uri(
                "/api/approvals/" + tokens.Create(new ApprovalTokenClaims(pending.InstanceId, pending.EventName, pending.Approvers.FirstOrDefault() ?? Approver, DateTimeOffset.UtcNow.AddDays(1), Guid.NewGuid().ToString("N"))),
                UriKind.Relative));

        var app = builder.Build();
        // As the local host maps it with keys on: the address answers a request without the key with the shell, and
        // pages come from the keyed data route.
        app.MapBatonDashboard("/dashboard", "/dashboard-data", PresentsKey).AddEndpointFilter(RequireKey);
        MapManagement(app);
        await app.StartAsync();
        return new DashboardTestApp(app, data);
    }

    /// <summary>POSTs JSON to a dashboard path with the key in the header, as the page script does.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", Key);
        return await Http.SendAsync(request);
    }

    public string Url(string path) => BaseUrl + path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=" + Key;

    public Task<string> StartResearchAsync(string? instanceId = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ResearchReport, new ResearchReportInput("Competitor pricing changes in Q3", [Approver]), new StartOrchestrationOptions(instanceId));

    public Task<string> StartReviewAsync(string? instanceId = null) =>
        Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.ParallelReview, new ParallelReviewInput("Pricing memo", "Raise the enterprise plan by 5 percent in March."), new StartOrchestrationOptions(instanceId));

    /// <summary>Starts a weekly report (a fixed week), which runs its research report as the sub-workflow <c>{id}:report</c>.</summary>
    public Task<string> StartWeeklyAsync(string instanceId) =>
        Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.WeeklyReport, new WeeklyReportInput(new DateOnly(2026, 11, 30), [Approver]), new StartOrchestrationOptions(instanceId));

    public Task<string> StartContractReviewAsync() =>
        Client.ScheduleNewOrchestrationInstanceAsync(ContractReviewWorkflow.Name, "a software licence for Contoso");

    public Task<string> StartGroupChatAsync() =>
        Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.GroupChat, new GroupChatInput("Should we raise the enterprise plan price?", [WorkflowAgentNames.Writer, WorkflowAgentNames.Drafter]));

    public Task<OrchestrationMetadata> AwaitingApprovalAsync(string instanceId) =>
        EventuallyAsync(
            async () => (await Client.GetInstanceAsync(instanceId, true))!,
            i => i?.ReadCustomStatusAs<WorkflowStatus>()?.State == "AwaitingApproval",
            $"{instanceId} to await approval");

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await Client.WaitForInstanceCompletionAsync(instanceId, true, deadline.Token);
    }

    public static Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
        => Eventually.UntilAsync(read, done, what, Deadline);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    // Like a function key: in the x-functions-key header or the code query value.
    private static bool PresentsKey(HttpContext context) =>
        context.Request.Headers["x-functions-key"] == Key || context.Request.Query["code"] == Key;

    private static async ValueTask<object?> RequireKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        PresentsKey(context.HttpContext) ? await next(context) : Results.Unauthorized();

    private static void MapManagement(WebApplication app)
    {
        var instances = app.MapGroup(ManagementUrls.InstancesPath).AddEndpointFilter(RequireKey);
        instances.MapGet("/{instanceId}", async (string instanceId, HttpContext http, InstanceManagementApi api, CancellationToken ct) =>
            await WriteAsync(http, await api.GetStatusAsync(new RequestOrigin(new Uri(app.Urls.First()), Key), instanceId, StatusOptions.FromQuery(name => http.Request.Query[name].FirstOrDefault()), ct)));
        instances.MapPost("/{instanceId}/raiseEvent/{eventName}", async (string instanceId, string eventName, HttpContext http, InstanceManagementApi api, CancellationToken ct) =>
            await WriteAsync(http, await api.RaiseEventAsync(instanceId, eventName, http.Request.ContentType, await BodyAsync(http, ct), ct)));
        instances.MapPost("/{instanceId}/terminate", async (string instanceId, string? reason, HttpContext http, InstanceManagementApi api, CancellationToken ct) =>
            await WriteAsync(http, await api.TerminateAsync(instanceId, reason, ct)));
        instances.MapPost("/{instanceId}/suspend", async (string instanceId, string? reason, HttpContext http, InstanceManagementApi api, CancellationToken ct) =>
            await WriteAsync(http, await api.SuspendAsync(instanceId, reason, ct)));
        instances.MapPost("/{instanceId}/resume", async (string instanceId, string? reason, HttpContext http, InstanceManagementApi api, CancellationToken ct) =>
            await WriteAsync(http, await api.ResumeAsync(instanceId, reason, ct)));
        instances.MapDelete("/{instanceId}", async (string instanceId, HttpContext http, InstanceManagementApi api, CancellationToken ct) =>
            await WriteAsync(http, await api.PurgeAsync(instanceId, ct)));

        // The approval link is its own credential, as on the host.
        app.MapGet("/api/approvals/{token}", async (string token, HttpContext http, ApprovalLinkApi approvals, CancellationToken ct) =>
            await WriteAsync(http, await approvals.GetAsync(token, ct)));
        app.MapPost("/api/approvals/{token}", async (string token, HttpContext http, ApprovalLinkApi approvals, CancellationToken ct) =>
            await WriteAsync(http, await approvals.PostAsync(token, http.Request.ContentType, await BodyAsync(http, ct), http.Request.Headers.Cookie.ToString(), ct)));
    }

    private static async Task WriteAsync(HttpContext http, HttpReply reply)
    {
        http.Response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers)
        {
            http.Response.Headers.Append(name, value);
        }

        if (reply.Body is not null)
        {
            http.Response.ContentType = reply.ContentType;
            await http.Response.Body.WriteAsync(reply.BodyBytes());
        }
    }

    private static async Task<string> BodyAsync(HttpContext http, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(ct);
    }

    private static async Task Seed(InMemoryDocumentStore sources)
    {
        await sources.WriteAsync(
            "sources/pricing/2025-q3-competitors.md",
            "Competitor pricing in Q3. Northwind raised its enterprise plan price by 12 percent in July. " +
            "Contoso introduced a free tier limited to three users. Fabrikam kept prices flat but dropped annual discounts.");
        await sources.WriteAsync(
            "sources/pricing/customer-interviews.md",
            "Customer interviews on pricing. Eight of twelve customers said annual discounts drive their renewal decision. " +
            "Two customers moved to Contoso after the free tier launched.");
    }
}
