using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Baton.Bench.CrossProcess;

/// <summary>This program started again as a <see cref="RaiseClient"/> child process, driven over its standard input and output.</summary>
internal sealed class RaiseClientProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RaiseClientProcess(Process process) => _process = process;

    /// <summary>Starts the child with <paramref name="arguments"/> and waits until it has connected.</summary>
    public static async Task<RaiseClientProcess> StartAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
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

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The raise client process did not start.");
        var child = new RaiseClientProcess(process);
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line != RaiseClient.Ready)
        {
            await child.DisposeAsync();
            throw new InvalidOperationException($"The raise client process did not get ready; it said '{line}'.");
        }

        return child;
    }

    /// <summary>Asks the child to raise the event; returns when it was sent, with the timestamps the child took around the call.</summary>
    public async Task<(long Start, long End)> RaiseAsync(string instanceId, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(instanceId.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("The raise client process ended early.");
        var parts = line.Split(' ');
        if (parts.Length != 4 || parts[0] != "raised" || parts[1] != instanceId)
        {
            throw new InvalidOperationException($"The raise client process answered '{line}' for {instanceId}.");
        }

        return (long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync();
            await _process.StandardInput.FlushAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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
