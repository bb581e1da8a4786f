using System.Diagnostics;
using System.Globalization;
using Baton.Bench;
using Baton.Bench.CrossProcess;
using Baton.Bench.Engines;
using Baton.Bench.Faults;
using Baton.Bench.Results;
using Baton.Bench.Stores;
using Baton.Bench.Workloads;

if (args.Length > 0 && args[0] == ClientMode.Mode)
{
    return await ClientMode.RunAsync(args);
}

if (args.Length > 0 && args[0] == WorkerMode.Mode)
{
    return await WorkerMode.RunAsync(args);
}

if (args.Length > 0 && args[0] == FaultSoak.Mode)
{
    return await FaultSoak.RunAsync(args);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 1;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

IBenchStore store;
try
{
    store = await BenchStoreFactory.CreateAsync(options.Store);
}
catch (StoreNotAvailableException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using (store)
{
    var workerDefaults = BenchContext.DefaultWorkerOptions;
    var machine = MachineFacts.Collect(
        $"{store.Name}: {store.Description}",
        workerDefaults.MaxConcurrentOrchestratorFunctions,
        workerDefaults.MaxConcurrentActivityFunctions);
    Console.WriteLine("Baton engine benchmark" + (options.Quick ? " (--quick: smoke check, smaller sizes)" : ""));
    foreach (var line in machine.Lines())
    {
        Console.WriteLine("  " + line);
    }

    Console.WriteLine($"  runs       {options.Runs} per workload and engine after one warm-up each; medians reported");
    if (options.Peer is not null)
    {
        Console.WriteLine("  peer       Durable Task Framework: Microsoft.Azure.DurableTask.Core " + PeerVersions.Core + " + .AzureStorage " + PeerVersions.AzureStorage +
            ", Durable Functions' default settings, on its own Azurite per workload; runs alternate with Baton's");
        Console.WriteLine("  advantage  how many times better Baton's median is: DTFx/Baton for times and requests, Baton/DTFx for throughputs");
    }
    Console.WriteLine();

    var context = new BenchContext(options, store);
    IWorkload[] workloads =
    [
        new SequentialChainWorkload(),
        new FanOutFanInWorkload(),
        new ConcurrentOrchestrationsWorkload(),
        new EventRoundTripWorkload(),
        new DurableTimerWorkload(),
        new ColdReplayWorkload(),
        new IdleRequestsWorkload(),
        new MultiProcessWorkload(),
    ];

    var metrics = new List<Metric>();
    var total = Stopwatch.StartNew();
    foreach (var workload in workloads.Where(w => options.Workloads.Contains(w.Key)))
    {
        Console.WriteLine($"({workload.Key}) {workload.Title}");
        metrics.AddRange(await workload.RunAsync(context));
        Console.WriteLine();
    }

    Console.WriteLine(ResultTable.Format(metrics));
    foreach (var line in machine.Lines())
    {
        Console.WriteLine("  " + line);
    }

    Console.WriteLine($"  total time {total.Elapsed.TotalSeconds:F1} s");
    if (options.MarkdownPath is { } markdown)
    {
        await File.WriteAllTextAsync(markdown, ResultTable.Markdown(metrics));
        Console.WriteLine($"  Markdown table written to {Path.GetFullPath(markdown)}");
    }

    var path = options.JsonPath ?? DefaultJsonPath(store.Name);
    await JsonReport.WriteAsync(path, machine, metrics, context.Notes, new { options.Store, options.Runs, options.Quick, options.Workloads, options.Peer });
    Console.WriteLine($"  figures written to {Path.GetFullPath(path)}");
    return 0;
}

static string DefaultJsonPath(string store)
{
    var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
    var root = FindRepositoryRoot(Environment.CurrentDirectory) ?? FindRepositoryRoot(AppContext.BaseDirectory) ?? Environment.CurrentDirectory;
    return Path.Combine(root, "bench", "results", $"{store}-{stamp}.json");
}

static string? FindRepositoryRoot(string start)
{
    for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            return directory.FullName;
        }
    }

    return null;
}
