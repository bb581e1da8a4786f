using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>One log entry kept by <see cref="CapturedLogs"/>.</summary>
/// <param name="At">When it was written (UTC, wall clock).</param>
/// <param name="Level">Its level.</param>
/// <param name="Category">The logger's category.</param>
/// <param name="EventId">The event id (0 when none).</param>
/// <param name="Message">The formatted message, followed by the exception's text when there is one.</param>
public sealed record CapturedLogEntry(DateTime At, LogLevel Level, string Category, int EventId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Category} [{EventId}] {Message}";
}
