using Baton.Workflows.Tests.Fakes;

namespace Baton.Functions.Tests.Conformance;

/// <summary>One engine the catalog runs on: Baton's own, or Durable Functions' through the app's functions.</summary>
internal interface IConformanceEngine : IAsyncDisposable
{
    /// <summary>The approval requests, reminders and outcomes the run's activities sent, in order.</summary>
    RecordingApprovalNotifier Notifier { get; }

    /// <summary>Starts <paramref name="orchestrator"/> as <paramref name="instanceId"/>.</summary>
    Task StartAsync(string orchestrator, object? input, string instanceId);

    /// <summary>Raises an event on an instance, with a payload serialized as the host does.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object payload);

    /// <summary>The run's end, or null while it has not ended.</summary>
    Task<ConformanceRun?> FinishedAsync(string instanceId);
}
