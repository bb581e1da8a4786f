using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Baton.Agents;
using Baton.Workflows;

namespace Baton.Functions.Tests.Conformance;

/// <summary>
/// Runs a scenario on one engine as a person would: starts the workflow by its catalog name (through
/// <see cref="WorkflowDescriptor.Start"/>, as both hosts do), answers each approval request as the scenario says, in
/// the order they are asked, and waits for the run to end within the scenario's deadline.
/// </summary>
internal static partial class ConformanceDriver
{
    public const string InstanceId = "conformance-run";

    public static async Task<ConformanceRun> RunAsync(IConformanceEngine engine, ConformanceScenario scenario, WorkflowCatalog catalog)
    {
        var start = catalog.Get(scenario.Workflow).Start(scenario.Input);
        await engine.StartAsync(start.Orchestrator, start.Input, InstanceId);

        var answered = 0;
        var until = DateTime.UtcNow + scenario.Deadline;
        while (true)
        {
            var requests = engine.Notifier.Notifications.Where(n => n.Kind == ApprovalNotificationKind.Requested).ToList();
            for (; answered < requests.Count; answered++)
            {
                var request = requests[answered];
                if (scenario.Decide(request, answered) is { } decision)
                {
                    await engine.RaiseEventAsync(request.Request.InstanceId, request.Request.EventName, decision);
                }
            }

            if (await engine.FinishedAsync(InstanceId) is { } run)
            {
                return run with
                {
                    Notifications = [.. engine.Notifier.Notifications.Select(n => NormalizeText($"{n.Kind} {n.Request.EventName} to {string.Join(", ", n.Recipients)}"))],
                };
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{scenario.Workflow} did not finish within {scenario.Deadline} on {engine.GetType().Name}; {answered} approval request(s) answered.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A payload with what legitimately differs between two runs taken out: ids made by NewGuid (each engine derives
    /// its own; ticket ids are a hash of a tool call's idempotency key, which holds one) and timestamps (each run has
    /// its own clock). Indented, so that a difference shows line by line.
    /// </summary>
    public static string Normalize(string? json)
    {
        if (json is null)
        {
            return "(none)";
        }

        var node = Normalize(JsonNode.Parse(json));
        return node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";
    }

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    obj[key] = Normalize(value?.DeepClone());
                }

                // A YAML run lists its steps in the order they finished; parallel branches finish in the order the
                // engine delivers their results, which is timing on either engine.
                if (obj["workflow"] is JsonValue && obj["steps"] is JsonArray steps)
                {
                    obj["steps"] = new JsonArray([.. steps.Select(s => s?.GetValue<string>()).Order(StringComparer.Ordinal).Select(s => (JsonNode?)JsonValue.Create(s))]);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = Normalize(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(NormalizeText(text));
            default:
                return node;
        }
    }

    /// <summary>A text with NewGuid ids, ticket ids and timestamps replaced by placeholders.</summary>
    public static string NormalizeText(string text) =>
        Timestamp().Replace(TicketId().Replace(Guid().Replace(text, "<guid>"), "TKT-<id>"), "<time>");

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"TKT-\d{8}")]
    private static partial Regex TicketId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?( UTC)?|\d{4}/\d{2}/\d{2}")]
    private static partial Regex Timestamp();
}
