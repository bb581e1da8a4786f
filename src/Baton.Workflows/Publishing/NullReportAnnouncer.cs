namespace Baton.Workflows;

/// <summary>The announcer used when no channel is configured: sends nothing and says so.</summary>
public sealed class NullReportAnnouncer : IReportAnnouncer
{
    /// <summary>The shared instance.</summary>
    public static NullReportAnnouncer Instance { get; } = new();

    private NullReportAnnouncer()
    {
    }

    /// <inheritdoc />
    public Task<bool> AnnounceAsync(ReportAnnouncement announcement, CancellationToken cancellationToken) => Task.FromResult(false);
}
