using System.Text.Json;
using System.Text.Json.Serialization;

namespace Baton.Bench.Results;

/// <summary>Writes the run's facts, metrics and notes as one JSON document.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(string path, MachineFacts machine, IReadOnlyList<Metric> metrics, IReadOnlyList<string> notes, object settings)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var document = new
        {
            createdAt = DateTimeOffset.UtcNow,
            machine,
            settings,
            metrics = metrics.Select(m => new
            {
                workload = m.Workload,
                metric = m.Name,
                unit = m.Unit,
                median = m.Median,
                min = m.Min,
                max = m.Max,
                p99 = m.Percentile(99),
                samples = m.Samples,
                peerMedian = m.Peer is null ? (double?)null : m.PeerMedian,
                advantage = double.IsNaN(m.Advantage) ? (double?)null : m.Advantage,
                peerSamples = m.Peer,
            }),
            notes,
        };
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, document, Options);
    }
}
