using Baton.Agents;
using Baton.Approvals;
using Baton.Durable;
using Baton.Http;
using Baton.Workflows;
using Baton.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions app: the same workflows, agents and activities as the local host, with Durable Functions as the
// engine. Azure OpenAI comes from AZURE_OPENAI_ENDPOINT / AZURE_OPENAI_DEPLOYMENT with the app's managed identity
// (DefaultAzureCredential honours AZURE_CLIENT_ID).
var builder = FunctionsApplication.CreateBuilder(args);

// Documents, reports and tickets live in blob containers of the app's storage account (AzureWebJobsStorage: Azurite
// under Core Tools, the managed identity in Azure), registered the Microsoft.Extensions.Azure way.
builder.Services.AddWorkflowBlobStorage(builder.Configuration);
builder.Services.AddBatonAgents();
builder.Services.AddBatonWorkflows();

// YAML workflows deploy with the app (workflows/ is copied to the output) and run through the yaml-workflow
// orchestrator, started with the workflow's name in its input.
var workflows = Path.Combine(AppContext.BaseDirectory, "workflows");
builder.Services.AddDeclarativeWorkflows(workflows);
builder.Services.AddSingleton(_ => new DurableTaskRegistry().AddBatonWorkflows());
builder.Services.AddSingleton<DataConverter>(JsonDataConverter.Default);
builder.Services.AddSingleton<RegisteredTaskRunner>();

// Approvals: the same signed links, channels (SMTP, Teams, the outbox under Core Tools) and pages as the local host.
// Links point at the app's own address (WEBSITE_HOSTNAME) unless Baton:Approvals:PublicBaseUrl names another one.
builder.Services.AddBatonApprovals(builder.Configuration);
builder.Services.PostConfigure<ApprovalOptions>(options =>
{
    if (string.IsNullOrWhiteSpace(builder.Configuration[$"{ApprovalOptions.SectionName}:PublicBaseUrl"])
        && ApprovalOptions.BaseUrlForHostName(builder.Configuration["WEBSITE_HOSTNAME"]) is { } appUrl)
    {
        options.PublicBaseUrl = appUrl;
    }
});
builder.Services.AddSingleton(_ => ApprovalAntiforgery.FromSecret(builder.Configuration[$"{ApprovalOptions.SectionName}:SigningKey"]));
builder.Services.AddSingleton<RecentApprovalDecisions>();

builder.Build().Run();
