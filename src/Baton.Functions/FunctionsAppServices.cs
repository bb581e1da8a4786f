using System.Reflection;
using Baton.Agents;
using Baton.Approvals;
using Baton.Dashboard;
using Baton.Durable;
using Baton.Functions.Functions;
using Baton.Functions.Hosting;
using Baton.Http;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Baton.Functions;

/// <summary>The Functions app's services, in one place so that tests can build the same container the app runs on.</summary>
internal static class FunctionsAppServices
{
    /// <summary>The assemblies of Baton itself, whose workflows AddBatonWorkflows registers with their catalog entries.</summary>
    private static readonly HashSet<string> BatonAssemblies = new(StringComparer.Ordinal)
    {
        "Baton.Agents", "Baton.Workflows", "Baton.Durable", "Baton.Durable.Abstractions", "Baton.Http", "Baton.Scheduling", "Baton.Approvals", "Baton.Functions",
    };

    /// <summary>
    /// Registers the workflows, agents, activities and approvals of the local host for the Functions app.
    /// <paramref name="workflowsFolder"/> holds the YAML workflows deployed with the app. Every referenced assembly whose
    /// <c>[DurableTask]</c> classes got generated functions is added with <c>AddWorkflowsFrom</c> (its workflows,
    /// activities, <c>[Tool]</c> methods and <c>IBatonModule</c>s), so a workflow project referenced by the app runs and is
    /// listed with no other line; <paramref name="configure"/> adds more, as <c>services.AddBaton(configure)</c>. The host
    /// does not start when a registered orchestrator or activity has no generated function; the error lists them.
    /// </summary>
    public static IServiceCollection AddBatonFunctionsApp(this IServiceCollection services, IConfiguration configuration, string workflowsFolder, Action<BatonBuilder>? configure = null)
    {
        // Documents, reports and tickets live in blob containers of the app's storage account (AzureWebJobsStorage:
        // Azurite under Core Tools, the managed identity in Azure), registered the Microsoft.Extensions.Azure way.
        services.AddWorkflowBlobStorage(configuration);
        services.AddBatonAgents();
        services.AddBaton(baton =>
        {
            foreach (var name in WorkflowAssemblies.Names.Where(n => !BatonAssemblies.Contains(n)))
            {
                baton.AddWorkflowsFrom(Assembly.Load(new AssemblyName(name)));
            }

            configure?.Invoke(baton);
        });

        // YAML workflows run through the yaml-workflow orchestrator, started with the workflow's name in its input.
        services.AddDeclarativeWorkflows(workflowsFolder, options => options.AllowWebhooksFrom(configuration));
        // The registry of everything registered above (AddBaton's registrations, Baton's own included).
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DurableTaskRegistry>>().Value);
        // Every registration must have its generated function, or the app does not start: checked when the host starts
        // (and whenever the registry is first read), rather than when a run first calls the task.
        services.AddSingleton(DurableFunctionNames.Generated);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskRegistry>, RegisteredFunctionsValidation>());
        services.AddOptions<DurableTaskRegistry>().ValidateOnStart();
        services.AddSingleton<DataConverter>(JsonDataConverter.Default);
        services.AddSingleton<RegisteredTaskRunner>();

        // Approvals: the same signed links, channels (SMTP, Teams, the outbox under Core Tools) and pages as the local
        // host. Links point at the app's own address (WEBSITE_HOSTNAME) unless Baton:Approvals:PublicBaseUrl names another.
        services.AddBatonApprovals(configuration);
        // Local state (a generated signing key, the outbox) never goes into the app's folder: Core Tools watches it.
        services.PostConfigure<ApprovalOptions>(options =>
        {
            if (string.IsNullOrWhiteSpace(configuration[$"{ApprovalOptions.SectionName}:PublicBaseUrl"])
                && ApprovalOptions.BaseUrlForHostName(configuration["WEBSITE_HOSTNAME"]) is { } appUrl)
            {
                options.PublicBaseUrl = appUrl;
            }

            var state = LocalStateFolder.Find(AppContext.BaseDirectory);
            if (string.IsNullOrWhiteSpace(configuration[$"{ApprovalOptions.SectionName}:DataDirectory"]))
            {
                options.DataDirectory = state;
            }

            if (string.IsNullOrWhiteSpace(configuration[$"{ApprovalOptions.SectionName}:OutboxDirectory"]))
            {
                options.OutboxDirectory = Path.Combine(state, "outbox");
            }
        });
        services.AddSingleton(_ => ApprovalAntiforgery.FromSecret(configuration[$"{ApprovalOptions.SectionName}:SigningKey"]));
        // The approvals ledger: the table <hub>Approvals on the AzureWebJobsStorage account (connection string, or the
        // managed identity in Azure), shared by every instance the app scales out to. The hub is host.json's. With no
        // AzureWebJobsStorage at all (only in tests: the Functions host needs it) the ledger stays in memory.
        services.AddOptions<ApprovalDeciderOptions>().Bind(configuration.GetSection(ApprovalDeciderOptions.SectionName));
        if (configuration.GetSection("AzureWebJobsStorage").Exists())
        {
            var hubName = configuration["AzureFunctionsJobHost:extensions:durableTask:hubName"] is { Length: > 0 } hub ? hub : "BatonHub";
            services.AddBatonApprovalTableLedger(configuration, hubName);

            // Agent call records (each LLM and tool call: messages, reply, usage, cost) in <hub>AgentCalls, read by the
            // dashboard: Durable Functions keeps no activity inputs in history.
            services.AddBatonAgentCallTableLedger(
                sp => ApprovalLedgerServiceCollectionExtensions.CreateTableServiceClient(
                    configuration.GetSection("AzureWebJobsStorage"), sp.GetService<Microsoft.Extensions.Azure.AzureComponentFactory>()),
                hubName);
        }

        // The dashboard (after the ledger, which its inbox reads). App Service sets WEBSITE_AUTH_ENABLED when its
        // authentication is on; only then are the X-MS-CLIENT-PRINCIPAL headers its own, and the pages show the user.
        services.AddBatonDashboard(options => options.ShowAppServiceUser = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase));
        return services;
    }
}
