using System.Collections.Concurrent;
using Baton.Approvals;

namespace Baton.Host;

/// <summary>
/// Where the demo's outbox prints approval links: each link is shown once, as the approver received it, and queued
/// so that the demo can answer it through that very link. Thread-safe.
/// </summary>
internal sealed class DemoApprovalConsole(TextWriter output) : IApprovalConsole
{
    private readonly ConcurrentQueue<(string Title, Uri Link)> _links = new();
    private readonly ConcurrentDictionary<string, bool> _shown = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var at = line.LastIndexOf(": http", StringComparison.Ordinal);
        if (at < 0 || !Uri.TryCreate(line[(at + 2)..].Trim(), UriKind.Absolute, out var link))
        {
            output.WriteLine(line);
            return;
        }

        if (_shown.TryAdd(link.AbsoluteUri, true))
        {
            var title = line[..at];
            output.WriteLine($"Approval requested: {title}");
            output.WriteLine($"  {link.AbsoluteUri}");
            _links.Enqueue((title, link));
        }
    }

    /// <summary>The next link not answered yet, if any.</summary>
    public bool TryTake(out (string Title, Uri Link) link) => _links.TryDequeue(out link);
}
