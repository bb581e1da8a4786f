using System.Globalization;
using Baton.Agents;
using Baton.Approvals;
using Baton.Dashboard;
using Baton.Durable.DependencyInjection;
using Baton.Host.Telemetry;
using Baton.Http;
using Baton.Scheduling;
using Baton.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Host;

/// <summary>
/// Builds the host: configuration (host.json, appsettings, local.settings.json from the repository root and the
/// content root, environment, command line), storage (Azure Storage from AzureWebJobsStorage, Azurite started when
/// needed, or memory), the engine with the workflow catalog, approvals, and the HTTP endpoints. Without keys it binds
/// to loopback only. An application runs its own workflows, agents and tools on it with
/// <see cref="Build(string[], Action{BatonBuilder}?)"/> from its own <c>Program</c>, or by naming their assemblies in
/// <c>Baton:Host:Assemblies</c>; Baton's code is not edited for either.
/// </summary>
public static class BatonWebHost
{
    /// <summary>The port used when nothing else is configured, as <c>func start</c>.</summary>
    public const int DefaultPort = 7071;

    /// <summary>
    /// Builds the host from an application's own <c>Program</c>, with its workflows, agents and tools:
    /// <c>await BatonWebHost.Build(args, baton =&gt; baton.AddWorkflowsFrom(typeof(Program).Assembly)).RunAsync();</c>.
    /// <paramref name="args"/> are read as the host's own (<c>--port</c>, <c>--store memory</c>, <c>--Key=value</c>
    /// settings); <paramref name="configure"/> is called like <c>services.AddBaton(configure)</c>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<BatonBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Build(HostCommandLine.Parse(args), configure: configure);
    }

    /// <summary>
    /// Builds the application; <paramref name="overrides"/> win over every other setting,
    /// <paramref name="logging"/> adds log providers and <paramref name="configureServices"/> adjusts services last
    /// (tests use them; the demo replaces where approval links are printed).
    /// </summary>
    internal static WebApplication Build(
        HostCommandLine commandLine,
        IReadOnlyDictionary<string, string?>? overrides = null,
        string? repositoryRoot = null,
        Action<ILoggingBuilder>? logging = null,
        Action<IServiceCollection>? configureServices = null,
        Action<BatonBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var root = repositoryRoot ?? RepositoryRoot.Locate();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. commandLine.Rest] });
        ComposeConfiguration(builder.Configuration, root, builder.Environment.ContentRootPath, overrides);
        var configuration = builder.Configuration;
        // Request logs carry the full URL: ?code= keys and approval tokens. Kept below Information whatever the default.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var keys = HostKeys.From(configuration);
        var port = commandLine.Port ?? (int.TryParse(configuration["Host:LocalHttpPort"], CultureInfo.InvariantCulture, out var configured) ? configured : DefaultPort);
        // --urls, ASPNETCORE_URLS or "urls" in configuration say where to listen, keys or not; --port wins over them.
        if (commandLine.Port is not null || string.IsNullOrWhiteSpace(configuration["urls"]))
        {
            builder.WebHost.UseUrls(keys.Enabled
                ? $"http://*:{port}"
                : port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{port}");
        }

        builder.WebHost.UseShutdownTimeout(ShutdownTimeout(configuration));

        // Bodies over the configured limits are refused with 413 problem details; the server reads no more than that.
        var limits = Limits(configuration);
        builder.Services.AddSingleton(limits);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.LargestBody + 64 * 1024);

        var services = builder.Services;
        var inMemory = commandLine.InMemory || string.Equals(configuration["Baton:Host:Store"], "memory", StringComparison.OrdinalIgnoreCase);
        var storage = StorageConnection(configuration);
        var settings = new HostSettings(root, keys, inMemory, storage, DataDirectory(configuration, root));
        services.AddSingleton(settings);
        services.AddSingleton(keys);

        // Azurite first: hosted services start in order and stop in reverse, so it outlives the engine.
        if (!inMemory && AzuriteProcess.IsDevelopmentStorage(storage) && !string.Equals(configuration["Baton:Host:StartAzurite"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton(sp => new AzuriteProcess(root, sp.GetRequiredService<ILogger<AzuriteProcess>>()));
            services.AddHostedService(sp => sp.GetRequiredService<AzuriteProcess>());
        }

        AddDocuments(services, configuration, settings);
        // The application's workflows, agents and tools: from the assemblies named in configuration, then from code.
        services.AddBaton(baton =>
        {
            foreach (var assembly in HostAssemblies.Load(configuration, root))
            {
                baton.AddWorkflowsFrom(assembly);
            }

            configure?.Invoke(baton);
        });
        var workflowFolder = configuration["Baton:Workflows:Folder"] is { Length: > 0 } folder ? Path.GetFullPath(folder, root) : Path.Combine(root, "workflows");
        var declarative = Directory.Exists(workflowFolder);
        if (declarative)
        {
            services.AddDeclarativeWorkflows(workflowFolder, options =>
            {
                options.AllowWebhooksFrom(configuration);

                // Every version loaded is kept, so that runs pinned to one finish after a restart with a changed file.
                options.VersionsFolder = Path.Combine(settings.DataDirectory, "workflow-versions");
            });

            // Saved workflow files load while the host runs; a bad one is logged and shown on the dashboard.
            if (!string.Equals(configuration["Baton:Workflows:Reload"], "false", StringComparison.OrdinalIgnoreCase))
            {
                services.AddDeclarativeWorkflowReload();
            }
        }

        // Behind App Service authentication (a container on App Service), the pages show who is signed in.
        services.AddBatonDashboard(options => options.ShowAppServiceUser = string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "true", StringComparison.OrdinalIgnoreCase));
        services.AddBatonApprovals(configuration);
        services.AddOptions<ApprovalOptions>().PostConfigure<IServer>((options, server) =>
        {
            if (string.IsNullOrWhiteSpace(configuration[$"{ApprovalOptions.SectionName}:PublicBaseUrl"]) && ListeningUrl(server) is { } url)
            {
                options.PublicBaseUrl = url;
            }
        });

        var durableTask = configuration.GetSection("extensions:durableTask");
        if (inMemory)
        {
            services.AddInMemoryOrchestrationStore();
        }
        else
        {
            services.AddAzureStorageOrchestrationStore(durableTask, options =>
            {
                if (storage is not null)
                {
                    options.ConnectionString = storage;
                }
            });
        }

        services.AddDurableEngine(
            registry =>
            {
                // Declarative workflows start on the generic yaml-workflow orchestrator (WorkflowDescriptor.Start); each is
                // also registered under its own name so that runs started that way by earlier versions still finish.
                registry.AddBatonWorkflows();
                if (declarative)
                {
                    registry.AddDeclarativeWorkflows(workflowFolder);
                }
            },
            worker =>
        {
            // Running work gets a third of the shutdown timeout to finish and another third once cancelled.
            worker.ShutdownGracePeriod = ShutdownTimeout(configuration) / 3;
            if (durableTask.GetValue<int?>("maxConcurrentActivityFunctions") is { } activities)
            {
                worker.MaxConcurrentActivityFunctions = activities;
            }

            if (durableTask.GetValue<int?>("maxConcurrentOrchestratorFunctions") is { } orchestrators)
            {
                worker.MaxConcurrentOrchestratorFunctions = orchestrators;
            }
        });

        // Registered after the engine, so schedules start (and catch up) once the worker runs.
        services.AddBatonScheduling(configuration);
        services.AddSingleton<IScheduledStartResolver, CatalogStartResolver>();
        if (!inMemory && storage is not null)
        {
            var hubName = durableTask["hubName"] is { Length: > 0 } hub ? hub : "BatonHub";
            services.AddBatonScheduleTableStore(_ => new Azure.Data.Tables.TableServiceClient(storage), hubName);
        }

        // Approvals: one ledger per task hub (the table <hub>Approvals on the hub's account), the single-decision path
        // and its sweep; in memory with the in-memory store.
        services.AddBatonApprovalLedger(configuration);
        if (!inMemory)
        {
            var hubName = durableTask["hubName"] is { Length: > 0 } hub ? hub : "BatonHub";
            // Agent call records (what each LLM and tool call sent, answered and cost) sit beside it in <hub>AgentCalls.
            if (storage is not null)
            {
                services.AddBatonApprovalTableLedger(_ => new Azure.Data.Tables.TableServiceClient(storage), hubName);
                services.AddBatonAgentCallTableLedger(_ => new Azure.Data.Tables.TableServiceClient(storage), hubName);
            }
            else
            {
                var connectionName = durableTask["storageProvider:connectionStringName"] is { Length: > 0 } name ? name : "AzureWebJobsStorage";
                services.AddBatonApprovalTableLedger(configuration, hubName, connectionName);
                services.AddBatonAgentCallTableLedger(
                    sp => ApprovalLedgerServiceCollectionExtensions.CreateTableServiceClient(configuration.GetSection(connectionName), sp.GetService<Microsoft.Extensions.Azure.AzureComponentFactory>()),
                    hubName);
            }
        }

        services.AddBatonTelemetry(configuration);
        services.AddSingleton<InstanceManagementApi>();
        services.AddSingleton<ReadinessCheck>();
        services.AddSingleton<WorkflowStartApi>();
        services.AddSingleton(sp => ApprovalAntiforgery.FromSecret(configuration[$"{ApprovalOptions.SectionName}:SigningKey"]));
        services.AddSingleton<ApprovalLinkApi>();
        configureServices?.Invoke(services);

        var app = builder.Build();
        if (declarative)
        {
            // Load and validate the YAML workflows now: a bad file stops the start with every problem listed.
            app.Services.GetRequiredService<DeclarativeWorkflowCatalog>();
        }

        app.UseStorageOutageAnswers();
        app.MapBatonEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => StartupReport.Write(app));
        return app;
    }

    /// <summary>The first address the server listens on, with wildcard hosts shown as localhost.</summary>
    public static string? ListeningUrl(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        var uri = new Uri(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return $"{uri.Scheme}://{(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host)}:{uri.Port}";
    }

    private static void ComposeConfiguration(ConfigurationManager configuration, string root, string contentRoot, IReadOnlyDictionary<string, string?>? overrides)
    {
        // Lowest first: defaults, host.json, then appsettings (already there), then local.settings.json, then
        // environment and command line (already there), then explicit overrides.
        var defaults = new Dictionary<string, string?>
        {
            [$"{ApprovalOptions.SectionName}:DataDirectory"] = Path.Combine(root, ".baton"),
            [$"{ApprovalOptions.SectionName}:OutboxDirectory"] = Path.Combine(root, ".baton", "outbox"),
        };
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        var hostJson = File.Exists(Path.Combine(contentRoot, "host.json")) ? Path.Combine(contentRoot, "host.json") : Path.Combine(root, "host.json");
        if (File.Exists(hostJson))
        {
            configuration.Sources.Insert(1, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = Path.GetFileName(hostJson),
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(hostJson)!),
                Optional = true,
            });
        }

        // The appsettings.json shipped beside the program (defaults such as the weekly schedule), below the content root's.
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(shipped) && !string.Equals(Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(contentRoot).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            configuration.Sources.Insert(File.Exists(hostJson) ? 2 : 1, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
                Optional = true,
            });
        }

        var local = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in new[] { Path.Combine(root, "local.settings.json"), Path.Combine(contentRoot, "local.settings.json") }.Distinct(StringComparer.Ordinal))
        {
            foreach (var (key, value) in LocalSettingsFile.Read(file))
            {
                local[key] = value;
            }
        }

        var environment = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        configuration.Sources.Insert(environment < 0 ? configuration.Sources.Count : environment, new MemoryConfigurationSource { InitialData = local });
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }
    }

    /// <summary>How long stopping may take (<c>Baton:Host:ShutdownTimeoutSeconds</c>, 30 s by default): the engine cancels running work and stops within it.</summary>
    public static TimeSpan ShutdownTimeout(IConfiguration configuration) =>
        TimeSpan.FromSeconds(double.TryParse(configuration["Baton:Host:ShutdownTimeoutSeconds"], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 30);

    /// <summary>The request size limits from <c>Baton:Http:MaxInputBytes</c> and <c>Baton:Http:MaxEventBytes</c>.</summary>
    public static RequestLimits Limits(IConfiguration configuration)
    {
        static long Read(IConfiguration configuration, string key, long fallback)
        {
            var text = configuration[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes >= 1024
                ? bytes
                : throw new InvalidOperationException($"Set {key} to a whole number of bytes of 1024 or more, not '{text}'.");
        }

        return new RequestLimits
        {
            MaxInputBytes = Read(configuration, RequestLimits.MaxInputSetting, RequestLimits.DefaultMaxBytes),
            MaxEventBytes = Read(configuration, RequestLimits.MaxEventSetting, RequestLimits.DefaultMaxBytes),
        };
    }

    private static string? StorageConnection(IConfiguration configuration)
    {
        var section = configuration.GetSection("AzureWebJobsStorage");
        if (section.Value is { Length: > 0 } connection)
        {
            return connection;
        }

        // A section (serviceUri, credential...) means identity-based access: the store reads it itself.
        return section.GetChildren().Any() ? null : "UseDevelopmentStorage=true";
    }

    private static string DataDirectory(IConfiguration configuration, string root) =>
        Path.GetFullPath(configuration["Baton:Host:DataDirectory"] is { Length: > 0 } data ? data : Path.Combine(root, ".baton"));

    private static void AddDocuments(IServiceCollection services, IConfiguration configuration, HostSettings settings)
    {
        var documentsConfigured = !string.IsNullOrWhiteSpace(configuration["Baton:Documents:ConnectionString"]);
        if (!documentsConfigured)
        {
            services.TryAddSingleton<IDocumentStore>(new InMemoryDocumentStore());
            services.AddHostedService<SampleDocuments>();
        }

        if (!documentsConfigured && string.IsNullOrWhiteSpace(configuration["Baton:Reports:ConnectionString"]))
        {
            var folder = new FolderDocumentStore(configuration["Baton:Host:ReportsDirectory"] is { Length: > 0 } reports ? reports : Path.Combine(settings.DataDirectory, "reports"));
            services.AddSingleton(folder);
            services.TryAddSingleton(new ReportStore(folder, configuration["Baton:Reports:Container"] ?? ReportStore.DefaultName));
        }
    }
}
