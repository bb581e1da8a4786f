using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Baton.Scheduling;

/// <summary>Registers schedules, their runner and their state store.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ScheduleCatalog"/> (schedules from <see cref="ScheduleConfiguration.SectionName"/> plus
    /// those added with <see cref="AddBatonSchedule"/>), the <see cref="ScheduleRunner"/>, the
    /// <see cref="ScheduleHostedService"/>, an <see cref="InMemoryScheduleStateStore"/> unless a store is registered, and
    /// <see cref="TimeProvider.System"/> unless a time provider is registered. A <c>DurableTaskClient</c> must be
    /// registered by the host. Invalid schedules throw <see cref="ScheduleConfigurationException"/> when the catalog is
    /// first resolved, which the hosted service does at start-up.
    /// </summary>
    public static IServiceCollection AddBatonScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IScheduleStateStore, InMemoryScheduleStateStore>();
        services.TryAddSingleton(sp => new ScheduleCatalog(
            ScheduleConfiguration.Read(configuration).Concat(sp.GetServices<ScheduleDefinition>())));
        services.TryAddSingleton<ScheduleRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ScheduleHostedService>());
        return services;
    }

    /// <summary>Adds a schedule defined in code; it joins those from configuration in <see cref="ScheduleCatalog"/>.</summary>
    public static IServiceCollection AddBatonSchedule(this IServiceCollection services, ScheduleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(definition);
        services.AddSingleton(definition);
        return services;
    }

    /// <summary>
    /// Keeps schedule state in the Azure Table <c>{hubName}Schedules</c> (replacing any registered store), so that every
    /// host on the task hub shares it.
    /// </summary>
    public static IServiceCollection AddBatonScheduleTableStore(
        this IServiceCollection services,
        Func<IServiceProvider, TableServiceClient> tableServiceClient,
        string hubName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tableServiceClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        services.RemoveAll<IScheduleStateStore>();
        services.AddSingleton<IScheduleStateStore>(sp => new AzureTableScheduleStateStore(tableServiceClient(sp), hubName));
        return services;
    }
}
