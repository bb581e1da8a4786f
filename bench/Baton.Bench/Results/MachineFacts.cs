using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Baton.Bench.Results;

/// <summary>What the figures were measured on.</summary>
internal sealed record MachineFacts(
    int Cores,
    string Os,
    string Architecture,
    string Runtime,
    string Gc,
    bool Optimized,
    string Store,
    int MaxConcurrentOrchestratorFunctions,
    int MaxConcurrentActivityFunctions)
{
    public static MachineFacts Collect(string store, int orchestrators, int activities) => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        $"{(GCSettings.IsServerGC ? "server" : "workstation")}, {(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}, latency mode {GCSettings.LatencyMode}",
        IsOptimized(typeof(Durable.DurableHost).Assembly) && IsOptimized(typeof(MachineFacts).Assembly),
        store,
        orchestrators,
        activities);

    public IEnumerable<string> Lines()
    {
        yield return $"cores      {Cores} ({Architecture})";
        yield return $"os         {Os}";
        yield return $"runtime    {Runtime}";
        yield return $"gc         {Gc}";
        yield return $"build      {(Optimized ? "optimized (Release)" : "NOT optimized (Debug): figures are not representative, use -c Release")}";
        yield return $"store      {Store}";
        yield return $"worker     {MaxConcurrentOrchestratorFunctions} orchestration loops, {MaxConcurrentActivityFunctions} activity loops (defaults)";
    }

    private static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
}
