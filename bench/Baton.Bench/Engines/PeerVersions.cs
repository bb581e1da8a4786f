using System.Reflection;

namespace Baton.Bench.Engines;

/// <summary>The versions of the peer's packages this build runs, read from their assemblies.</summary>
internal static class PeerVersions
{
    public static string Core => Version(typeof(DurableTask.Core.TaskHubWorker).Assembly);

    public static string AzureStorage => Version(typeof(DurableTask.AzureStorage.AzureStorageOrchestrationService).Assembly);

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "?";
}
