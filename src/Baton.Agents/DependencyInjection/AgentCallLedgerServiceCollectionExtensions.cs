using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Agents;

/// <summary>Registers where agent call records are kept.</summary>
public static class AgentCallLedgerServiceCollectionExtensions
{
    /// <summary>
    /// Keeps agent call records in the Azure Table <c>{hubName}AgentCalls</c> of <paramref name="tableServiceClient"/>'s
    /// account (replacing any registered <see cref="IAgentCallLedger"/>), so that every process on the task hub and the
    /// dashboard on either host read the same records.
    /// </summary>
    public static IServiceCollection AddBatonAgentCallTableLedger(this IServiceCollection services, Func<IServiceProvider, TableServiceClient> tableServiceClient, string hubName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tableServiceClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        services.RemoveAll<IAgentCallLedger>();
        services.AddSingleton<IAgentCallLedger>(sp => new AzureTableAgentCallLedger(tableServiceClient(sp), hubName));
        return services;
    }
}
