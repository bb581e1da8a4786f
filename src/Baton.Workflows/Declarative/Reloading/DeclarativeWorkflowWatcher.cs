using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Baton.Workflows;

/// <summary>
/// Reloads the <see cref="DeclarativeWorkflowCatalog"/> when a <c>*.yaml</c> or <c>*.yml</c> file of its folder is
/// added, changed, renamed or removed, once the folder has been quiet for <see cref="DeclarativeWorkflowOptions.ReloadDelay"/>.
/// Problems are logged with file, line and column and kept in <see cref="DeclarativeWorkflowCatalog.Problems"/> (the
/// dashboard shows them); the other files go on running. A file that cannot be read yet (still being written) is tried
/// again after the delay. Started and stopped as a hosted service; reloads never overlap.
/// </summary>
public sealed class DeclarativeWorkflowWatcher : IHostedService, IDisposable
{
    private readonly DeclarativeWorkflowCatalog _catalog;
    private readonly DeclarativeWorkflowOptions _options;
    private readonly ILogger _logger;
    private readonly Timer _quiet;
    private FileSystemWatcher? _watcher;
    private int _disposed;

    /// <summary>Creates a watcher of <paramref name="options"/>' folder for <paramref name="catalog"/>.</summary>
    public DeclarativeWorkflowWatcher(DeclarativeWorkflowCatalog catalog, DeclarativeWorkflowOptions options, ILogger<DeclarativeWorkflowWatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _options = options;
        _logger = logger ?? NullLogger<DeclarativeWorkflowWatcher>.Instance;
        _quiet = new Timer(_ => ReloadNow(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(_options.Folder);
        Directory.CreateDirectory(folder);
        _watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += (_, e) =>
        {
            if (IsWorkflowFile(e.FullPath) || IsWorkflowFile(e.OldFullPath))
            {
                Schedule();
            }
        };

        // Events were lost (the buffer overflowed): read everything again.
        _watcher.Error += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
        Log.WatchingWorkflows(_logger, folder);

        // A file changed between the start-up load and now is picked up too.
        Schedule();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null)
        {
            _watcher.EnableRaisingEvents = false;
        }

        _quiet.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _watcher?.Dispose();
        _quiet.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (IsWorkflowFile(e.FullPath))
        {
            Schedule();
        }
    }

    private static bool IsWorkflowFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private void Schedule()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            // Every change restarts the quiet period, so a file written in several steps is read once, whole.
            _quiet.Change(_options.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReloadNow()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        try
        {
            var result = _catalog.Reload();
            if (result.Added.Count + result.Changed.Count + result.Removed.Count > 0)
            {
                Log.WorkflowsReloaded(_logger, _options.Folder, List(result.Added), List(result.Changed), List(result.Removed));
            }

            if (result.Problems.Count > 0)
            {
                Log.WorkflowFileProblems(_logger, _options.Folder, result.Problems.Count, Environment.NewLine, string.Join(Environment.NewLine, result.Problems.Select(p => "  " + p)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.WorkflowReloadFailed(_logger, e, _options.Folder);
            Schedule();
        }
    }

    private static string List(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
