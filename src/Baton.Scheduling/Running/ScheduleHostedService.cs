using Microsoft.Extensions.Hosting;

namespace Baton.Scheduling;

/// <summary>
/// Runs <see cref="ScheduleRunner.RunAsync"/> for the host's lifetime. Constructing it builds the
/// <see cref="ScheduleCatalog"/>, so an invalid schedule fails host start-up with a message naming it.
/// </summary>
public sealed class ScheduleHostedService(ScheduleRunner runner) : IHostedService, IDisposable
{
    private CancellationTokenSource? stopping;
    private Task? running;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = new CancellationTokenSource();
        running = Task.Run(() => runner.RunAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null || running is null)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => stopping?.Dispose();
}
