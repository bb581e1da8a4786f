using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Baton.Bench.CrossProcess;

/// <summary>
/// This program started again in a child mode (<see cref="ClientMode"/> or <see cref="WorkerMode"/>), driven over its
/// standard input and output. Disposing it closes its input (it stops gracefully) or, when asked, kills it.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    /// <summary>Starts the child in <paramref name="mode"/> with <paramref name="arguments"/> and waits until it says it is ready.</summary>
    public static async Task<ChildProcess> StartAsync(string mode, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Run as "dotnet Baton.Bench.dll": the host needs the assembly again.
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath);
        if (string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add(mode);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"The {mode} process did not start.");
        var child = new ChildProcess(process);
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != ClientMode.Ready)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException($"The {mode} process did not get ready; it said '{line}'.");
        }

        return child;
    }

    /// <summary>Sends one command; returns the id it acted on and the child's timestamps around the call.</summary>
    public async Task<(string Id, long Start, long End)> SendAsync(string command, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("The child process ended early.");
        var parts = line.Split(' ');
        if (parts.Length != 4 || parts[0] != "done")
        {
            throw new InvalidOperationException($"The child process answered '{line}' to '{command}'.");
        }

        return (parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync();
            await _process.StandardInput.FlushAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
