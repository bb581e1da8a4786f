namespace Baton.Workflows;

/// <summary>Where a report was published, and whether it was announced.</summary>
/// <param name="Location">The store's name and the document path, e.g. "reports/2026/01/05/pricing-abc.md".</param>
/// <param name="Path">The document path within the reports store.</param>
/// <param name="Characters">The length of what was written.</param>
/// <param name="Announced">Whether a summary card was delivered (to Teams); <see langword="false"/> when no channel is configured or delivery failed.</param>
/// <param name="AnnouncementError">Why the announcement failed, when it did; the report is published either way.</param>
public sealed record PublishedReport(string Location, string Path, int Characters, bool Announced = false, string? AnnouncementError = null);
