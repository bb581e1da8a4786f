using Baton.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Approvals;

/// <summary>
/// Runs <see cref="ApprovalDecider.SweepAsync"/> every <see cref="ApprovalDeciderOptions.SweepInterval"/>: decisions
/// whose event was lost to a crash reach their run, and approvals of runs that ended are closed. Every process may run
/// it; the ledger's conditional writes keep them from doing anything twice. A failed pass is logged and retried at the
/// next interval.
/// </summary>
public sealed class ApprovalSweepService(
    IServiceProvider services,
    IOptions<ApprovalDeciderOptions> options,
    TimeProvider time,
    ILogger<ApprovalSweepService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.SweepInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var (delivered, closed) = await services.GetRequiredService<ApprovalDecider>().SweepAsync(stoppingToken).ConfigureAwait(false);
                    if (delivered + closed > 0)
                    {
                        Log.SweepRepaired(logger, delivered, closed);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.SweepFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
