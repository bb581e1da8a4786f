namespace Baton.Workflows;

/// <summary>
/// Tells people that a report was published (a Teams card, for instance). Called by
/// <see cref="PublishReportActivity"/> after the report is written; activities run at least once, so the same report may
/// be announced more than once, always with the same <see cref="ReportAnnouncement.Path"/>.
/// </summary>
public interface IReportAnnouncer
{
    /// <summary>Announces one published report.</summary>
    /// <returns><see langword="true"/> when the announcement was delivered; <see langword="false"/> when this announcer is off and sent nothing.</returns>
    /// <exception cref="ReportAnnouncementException">The announcement could not be delivered; the message names no secret.</exception>
    Task<bool> AnnounceAsync(ReportAnnouncement announcement, CancellationToken cancellationToken);
}
