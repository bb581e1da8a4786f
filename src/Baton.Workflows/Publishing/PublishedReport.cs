namespace Baton.Workflows;

/// <summary>Where a report was published.</summary>
/// <param name="Location">The store's name and the document path, e.g. "reports/2026/01/05/pricing-abc.md".</param>
/// <param name="Path">The document path within the reports store.</param>
/// <param name="Characters">The length of what was written.</param>
public sealed record PublishedReport(string Location, string Path, int Characters);
