using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Baton.Testing;

/// <summary>
/// Starts a private Azurite (the repository's pinned npm package) on free loopback ports with in-memory storage,
/// waits until its blob, queue and table endpoints answer, and stops it on dispose. Use it as an xunit class or
/// collection fixture; nothing else may assume an Azurite is running. Created with a data folder, it keeps its data
/// on disk instead, and can be stopped (<see cref="StopAsync"/>, as an outage: the data stays) and started again on
/// the same ports over the same data (<see cref="RestartAsync"/>).
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    private string? _dataFolder;

    /// <summary>
    /// An Azurite that keeps its data in <paramref name="dataFolder"/>, so that it survives <see cref="StopAsync"/> and
    /// <see cref="RestartAsync"/>. (A factory, not a constructor: xunit wants one public constructor on a fixture.)
    /// </summary>
    public static AzuriteFixture WithDataFolder(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        Directory.CreateDirectory(dataFolder);
        return new AzuriteFixture { _dataFolder = dataFolder };
    }

    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <summary>The blob endpoint's port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>The queue endpoint's port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>The table endpoint's port.</summary>
    public int TablePort { get; private set; }

    /// <summary>A connection string for this Azurite.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>A task hub name no other test uses: letters and digits, starting with a letter.</summary>
    public static string NewHubName(string prefix = "T") => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <inheritdoc />
    public Task InitializeAsync() => StartAsync(0, 0, 0);

    /// <summary>
    /// Stops Azurite the way a service stops (SIGINT, so it saves its data), leaving the ports free and, with a data
    /// folder, the data in place; requests to it fail until <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                using (var interrupt = Process.Start(new ProcessStartInfo("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                {
                    await interrupt!.WaitForExitAsync();
                }

                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Starts Azurite again on the ports it had, over the same data folder; waits until every endpoint answers.</summary>
    public Task RestartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("Azurite is running; stop it with StopAsync before restarting it.");
        }

        return StartAsync(BlobPort, QueuePort, TablePort);
    }

    private async Task StartAsync(int blobPort, int queuePort, int tablePort)
    {
        var root = FindRepositoryRoot();
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"Azurite is not installed ({entry} is missing): run npm ci at the repository root ({root}).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var argument in new[]
        {
            entry, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(invariant),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(invariant),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(invariant),
        }.Concat(_dataFolder is null ? ["--inMemoryPersistence"] : ["--location", _dataFolder]))
        {
            start.ArgumentList.Add(argument);
        }

        var ports = new Dictionary<string, TaskCompletionSource<int>>
        {
            ["Blob"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["Queue"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["Table"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        try
        {
            _process = new Process { StartInfo = start, EnableRaisingEvents = true };
            _process.OutputDataReceived += (_, e) => OnOutput(e.Data, ports);
            _process.ErrorDataReceived += (_, e) => OnOutput(e.Data, ports);
            _process.Exited += (_, _) => exited.TrySetResult();
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("Cannot start Azurite: Node.js ('node') is not on the PATH. Install Node.js 20 or later.", e);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Port 0 lets the OS pick free ports with no race; Azurite prints the ones it got.
        using var timeout = new CancellationTokenSource(StartTimeout);
        var allPorts = Task.WhenAll(ports.Values.Select(p => p.Task));
        var first = await Task.WhenAny(allPorts, exited.Task, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        if (first != allPorts)
        {
            var reason = first == exited.Task ? "exited" : $"did not report its ports within {StartTimeout.TotalSeconds:0} s";
            await DisposeAsync();
            throw new InvalidOperationException($"Azurite {reason}. Its output:\n{Output}");
        }

        BlobPort = await ports["Blob"].Task;
        QueuePort = await ports["Queue"].Task;
        TablePort = await ports["Table"].Task;
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            await WaitUntilAnswersAsync(port, timeout.Token);
        }
    }

    /// <summary>What Azurite printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return Task.CompletedTask;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>The folder holding the repository's package.json, found by walking up from the test's output folder.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No package.json found above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }

    private void OnOutput(string? line, Dictionary<string, TaskCompletionSource<int>> ports)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success && ports.TryGetValue(match.Groups["service"].Value, out var port))
        {
            port.TrySetResult(int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static async Task WaitUntilAnswersAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
