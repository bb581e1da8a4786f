using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Host;

/// <summary>
/// Starts Azurite from the repository's node_modules (running <c>npm ci</c> first when it is missing) on its standard
/// ports with its data under <c>.azurite/</c>, when the storage is <c>UseDevelopmentStorage=true</c> and nothing answers
/// on ports 10000-10002; stops it when the host stops. Registered before the engine, so it is up before the engine
/// starts and stopped after the engine has stopped. Stopping asks Azurite to shut down (SIGTERM) and waits for it:
/// Azurite keeps its metadata in memory and saves it every few seconds and on shutdown, so a kill would lose the last
/// seconds of writes (a run's history cut short at its first events after a restart). It is killed only when it does
/// not exit in time, or on Windows.
/// </summary>
internal sealed class AzuriteProcess(string repositoryRoot, ILogger<AzuriteProcess> logger, int[]? ports = null, string? dataFolder = null)
    : IHostedService, IDisposable
{
    /// <summary>Azurite's standard blob, queue and table ports.</summary>
    public static readonly int[] StandardPorts = [10000, 10001, 10002];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);
    private const int SigTerm = 15;
    private Process? _process;

    /// <summary>The blob, queue and table ports Azurite listens on.</summary>
    public int[] Ports { get; } = ports ?? StandardPorts;

    /// <summary>True when this host started Azurite (and will stop it).</summary>
    public bool Started => _process is not null;

    /// <summary>True when a storage connection string means the local emulator.</summary>
    public static bool IsDevelopmentStorage(string? connection) =>
        connection is not null && connection.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var answering = await Task.WhenAll(Ports.Select(p => AnswersAsync(p, cancellationToken)));
        if (answering.Any(a => a))
        {
            Log.AzuriteAlreadyRunning(logger);
            return;
        }

        var entry = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            Log.AzuriteInstalling(logger, repositoryRoot);
            await RunNpmCiAsync(cancellationToken);
            if (!File.Exists(entry))
            {
                throw new InvalidOperationException($"Azurite is still missing after npm ci ({entry}). Run 'npm ci' in {repositoryRoot}, or start Azurite yourself.");
            }
        }

        var data = dataFolder ?? Path.Combine(repositoryRoot, ".azurite");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            entry, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", data,
            "--blobHost", "127.0.0.1", "--blobPort", Ports[0].ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", Ports[1].ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", Ports[2].ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Cannot start Azurite: Node.js ('node') is not on the PATH. Install Node.js 20 or later, or point AzureWebJobsStorage at a storage account.", e);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow + StartTimeout;
        foreach (var port in Ports)
        {
            while (!await AnswersAsync(port, cancellationToken))
            {
                if (_process.HasExited || DateTime.UtcNow > until)
                {
                    throw new InvalidOperationException($"Azurite did not answer on port {port} within {StartTimeout.TotalSeconds:0} s (exited: {_process.HasExited}).");
                }

                await Task.Delay(100, cancellationToken);
            }
        }

        Log.AzuriteStarted(logger, _process.Id, data);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private void Stop()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited && !(Terminate(process) && process.WaitForExit(ShutdownTimeout)))
            {
                Log.AzuriteKilled(logger, ShutdownTimeout.TotalSeconds);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            Log.AzuriteStopped(logger);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Asks the process to shut down (SIGTERM); false where signals are not available.</summary>
    private static bool Terminate(Process process) => !OperatingSystem.IsWindows() && NativeMethods.Kill(process.Id, SigTerm) == 0;

    private async Task RunNpmCiAsync(CancellationToken cancellationToken)
    {
        var npm = new ProcessStartInfo("npm") { WorkingDirectory = repositoryRoot, UseShellExecute = false };
        npm.ArgumentList.Add("ci");
        npm.ArgumentList.Add("--no-audit");
        npm.ArgumentList.Add("--no-fund");
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm did not start.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed with exit code {process.ExitCode} in {repositoryRoot}.");
        }
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }
}
