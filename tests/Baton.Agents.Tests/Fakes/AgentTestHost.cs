using Baton.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Agents.Tests.Fakes;

/// <summary>Services with Baton's agents, the agent activities in a registry, and a fake orchestration context.</summary>
internal sealed class AgentTestHost : IDisposable
{
    public AgentTestHost(Action<AgentsBuilder> configure, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        collection.AddSingleton<IApprovalNotifier>(Notifier);
        services?.Invoke(collection);
        collection.AddBatonAgents(configure);
        Services = collection.BuildServiceProvider();
        Registry = new DurableTaskRegistry().AddAgentActivities();
        Context = new FakeOrchestrationContext(Services, Registry);
    }

    public ServiceProvider Services { get; }

    public DurableTaskRegistry Registry { get; }

    public FakeOrchestrationContext Context { get; }

    public RecordingApprovalNotifier Notifier { get; } = new();

    public void Dispose() => Services.Dispose();
}
