using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>
/// Keeps the log entries of the hosts, stores and services a test builds, at or above a level: to check what was (and
/// was not) logged, and so that a test that times out can say what the engine saw (a failed commit, a conflict, a
/// dropped message) instead of only where an instance stands.
/// </summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    private const int Kept = 20_000;
    private readonly LogLevel _minimum = minimum;
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();

    /// <summary>A logger factory that writes here only, at this provider's level.</summary>
    public ILoggerFactory Factory => LoggerFactory.Create(b => b.SetMinimumLevel(_minimum).AddProvider(this));

    /// <summary>The entries so far, oldest first (the most recent 20,000).</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => [.. _entries];

    /// <summary>Each entry as one line: <c>category [event id] message</c>, with the exception's text when there is one.</summary>
    public IReadOnlyList<string> Messages => [.. _entries.Select(e => e.ToString())];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last <paramref name="count"/> entries with their times, one per line, for a failure message.</summary>
    public string Tail(int count = 60)
    {
        var entries = Entries;
        return entries.Count == 0
            ? "(no log entries)"
            : string.Join(Environment.NewLine, entries.Skip(Math.Max(0, entries.Count - count)).Select(e => $"{e.At:HH:mm:ss.fff} {e.Level} {e}"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(CapturedLogEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Kept && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var text = formatter(state, exception);
                owner.Add(new CapturedLogEntry(DateTime.UtcNow, logLevel, category, eventId.Id, exception is null ? text : text + " " + exception));
            }
        }
    }
}
