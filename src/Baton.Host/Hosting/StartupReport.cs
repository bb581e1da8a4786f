using Baton.Approvals;
using Baton.Durable.AzureStorage;
using Baton.Scheduling;
using Baton.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Host;

/// <summary>The start-up log: where the host listens, the dashboard URL, keys (how many, never which), store, model, workflows, schedules, outbox and reports.</summary>
internal static class StartupReport
{
    /// <summary>Writes the report once the server listens.</summary>
    public static void Write(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Baton.Host");
        var settings = services.GetRequiredService<HostSettings>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var url = BatonWebHost.ListeningUrl(services.GetRequiredService<IServer>()) ?? "(unknown)";
        Log.Listening(logger, url);
        // The key is never printed: with keys on, the page needs it once as ?code= (it then leaves the address bar).
        Log.Dashboard(logger, url.TrimEnd('/') + "/dashboard", settings.Keys.Enabled ? " (open it once with ?code=KEY)" : string.Empty);
        if (settings.Keys.Enabled)
        {
            Log.KeysOn(logger, settings.Keys.Count);
        }
        else
        {
            Log.KeysOff(logger);
        }

        if (settings.InMemory)
        {
            Log.StoreMemory(logger);
        }
        else
        {
            var store = services.GetService<IOptions<AzureStorageOrchestrationStoreOptions>>()?.Value;
            Log.StoreAzure(logger, store?.HubName ?? "?", store?.PartitionCount ?? 0, Describe(settings.StorageConnection));
        }

        Log.Model(logger, Models(configuration));
        var catalog = services.GetRequiredService<WorkflowCatalog>();
        Log.Workflows(logger, catalog.Names.Count, string.Join(", ", catalog.Names));
        WriteSchedules(services, logger);
        var approvals = services.GetRequiredService<IOptions<ApprovalOptions>>().Value;
        Log.Outbox(logger, approvals.OutboxEnabled ? Path.GetFullPath(approvals.OutboxDirectory) : "(off)", approvals.PublicBaseUrl);
        if (services.GetService<FolderDocumentStore>() is { } reports)
        {
            Log.Reports(logger, reports.Root);
        }
    }

    private static void WriteSchedules(IServiceProvider services, ILogger logger)
    {
        var runner = services.GetRequiredService<ScheduleRunner>();
        _ = Task.Run(async () =>
        {
            try
            {
                var schedules = await runner.GetStatusAsync();
                Log.Schedules(logger, schedules.Count == 0
                    ? "none (add them under Baton:Schedules)"
                    : string.Join("; ", schedules.Select(s => $"{s.Name} '{s.Cron}' {s.TimeZone} -> {s.Workflow}{(s.Enabled ? string.Empty : " (disabled)")}, last {s.LastOccurrence?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}, next {s.NextOccurrence?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}")));
            }
            catch (Exception e) when (e is InvalidOperationException or Azure.RequestFailedException or ScheduleConfigurationException)
            {
                Log.SchedulesUnreadable(logger, e.Message);
            }
        });
    }

    private static string Models(IConfiguration configuration)
    {
        var models = configuration.GetSection("Baton:Models").GetChildren()
            .Select(m => $"{m.Key}: {m["Provider"] ?? "Offline"}{((m["Deployment"] ?? m["Model"]) is { } name ? " " + name : string.Empty)}")
            .ToList();
        return models.Count == 0 ? "the offline model (deterministic answers, no key, no network)" : string.Join("; ", models);
    }

    private static string Describe(string? connection)
    {
        if (connection is null)
        {
            return "identity-based (AzureWebJobsStorage section)";
        }

        if (AzuriteProcess.IsDevelopmentStorage(connection))
        {
            return "Azurite (UseDevelopmentStorage=true)";
        }

        // Only the account name: the key must never reach a log.
        var account = connection.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("AccountName", StringComparison.OrdinalIgnoreCase))?[1];
        return account is null ? "a connection string" : $"account {account}";
    }
}
