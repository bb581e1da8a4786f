using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Baton.Testing;

/// <summary>
/// Keeps the log lines of a test's hosts and stores at or above a level, so that a test that times out can say what
/// the engine saw (a failed commit, a conflict, a dropped message) instead of only where the instance stands.
/// </summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private const int Kept = 2000;
    private readonly LogLevel _minimum = minimum;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>A logger factory that writes here only.</summary>
    public ILoggerFactory Factory => LoggerFactory.Create(b => b.SetMinimumLevel(_minimum).AddProvider(this));

    /// <summary>The most recent lines, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last <paramref name="count"/> lines, one per line, for a failure message.</summary>
    public string Tail(int count = 60)
    {
        var lines = Lines;
        return lines.Count == 0 ? "(no log lines)" : string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - count)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Kept && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            owner.Add(exception is null ? text : text + " | " + exception.GetType().Name + ": " + exception.Message);
        }
    }
}
