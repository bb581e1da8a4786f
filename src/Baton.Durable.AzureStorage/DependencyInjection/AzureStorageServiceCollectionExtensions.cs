using Baton.Durable.AzureStorage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Azure Storage orchestration store.</summary>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Uses the Azure Storage store as <see cref="IOrchestrationStore"/> (and as <see cref="AzureStorageOrchestrationStore"/>).
    /// The connection comes from the options, or from the configuration entry named
    /// <see cref="AzureStorageOrchestrationStoreOptions.ConnectionName"/> read the Microsoft.Extensions.Azure way.
    /// The options are validated when the store is first resolved.
    /// </summary>
    public static IServiceCollection AddAzureStorageOrchestrationStore(
        this IServiceCollection services,
        Action<AzureStorageOrchestrationStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AzureStorageOrchestrationStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddAzureClientsCore();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AzureStorageOrchestrationStore(
            sp.GetRequiredService<IOptions<AzureStorageOrchestrationStoreOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IConfiguration>(),
            sp.GetService<AzureComponentFactory>()));
        services.TryAddSingleton<IOrchestrationStore>(sp => sp.GetRequiredService<AzureStorageOrchestrationStore>());
        return services;
    }

    /// <summary>
    /// Uses the Azure Storage store with options bound from <paramref name="section"/>, a host.json-shaped
    /// <c>extensions:durableTask</c> section (<c>hubName</c>, <c>storageProvider:partitionCount</c>,
    /// <c>storageProvider:connectionStringName</c>, <c>maxConcurrentActivityFunctions</c>,
    /// <c>maxConcurrentOrchestratorFunctions</c>), then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddAzureStorageOrchestrationStore(
        this IServiceCollection services,
        IConfiguration section,
        Action<AzureStorageOrchestrationStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        return services.AddAzureStorageOrchestrationStore(options =>
        {
            section.Bind(options);
            var provider = section.GetSection("storageProvider");
            provider.Bind(options);
            if (provider["connectionStringName"] is { Length: > 0 } connectionName)
            {
                options.ConnectionName = connectionName;
            }

            configure?.Invoke(options);
        });
    }
}
