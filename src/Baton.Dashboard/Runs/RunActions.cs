using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Durable;
using Baton.Http;

namespace Baton.Dashboard;

/// <summary>
/// <c>POST {prefix}/runs/{instanceId}/{action}</c> with a JSON body: <c>terminate</c>, <c>suspend</c>, <c>resume</c>
/// (<c>{"reason"}</c>), <c>raise</c> (<c>{"eventName", "payload"}</c>), <c>purge</c>, <c>restart</c> (a new run of the
/// same orchestrator with the same input; answers 201 with the new id and its page) and <c>rewind</c> (a failed run
/// goes on from its failed steps, where the engine can: 501 otherwise, saying to restart instead). Goes through the
/// dashboard's own client, so the same key that opens the dashboard works its buttons on both hosts (on Azure Functions
/// the Durable management webhooks take the extension's system key, not a function key). JSON only: a browser cannot
/// send it from another site without the dashboard's consent.
/// </summary>
internal static class RunActions
{
    public static async Task<HttpReply> HandleAsync(string instanceId, string action, DashboardRequest request, DurableTaskClient client, DashboardLinks links, CancellationToken ct)
    {
        var (body, problem) = Json.Read(request);
        if (problem is not null)
        {
            return problem;
        }

        var reason = Json.Text(body, "reason");
        try
        {
            switch (action)
            {
                case "terminate":
                    await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason ?? "Terminated from the dashboard"), ct);
                    return Accepted(action, instanceId);
                case "suspend":
                    await client.SuspendInstanceAsync(instanceId, reason ?? "Suspended from the dashboard", ct);
                    return Accepted(action, instanceId);
                case "resume":
                    await client.ResumeInstanceAsync(instanceId, reason ?? "Resumed from the dashboard", ct);
                    return Accepted(action, instanceId);
                case "raise":
                    {
                        if (Json.Text(body, "eventName") is not { Length: > 0 } eventName)
                        {
                            return Problems.InvalidField("$.eventName", "Name the event to raise in 'eventName'.");
                        }

                        var payload = body?["payload"] is { } node ? JsonSerializer.Deserialize<JsonElement>(node.ToJsonString()) : (JsonElement?)null;
                        await client.RaiseEventAsync(instanceId, eventName, payload, ct);
                        return Accepted(action, instanceId);
                    }

                case "purge":
                    {
                        var instance = await client.GetInstanceAsync(instanceId, cancellation: ct);
                        if (instance is null)
                        {
                            return Problems.InstanceNotFound(instanceId);
                        }

                        if (instance.IsRunning)
                        {
                            return Problems.Conflict($"Run '{instanceId}' is {instance.RuntimeStatus}; only finished runs are purged. Terminate it first.");
                        }

                        var purged = await client.PurgeInstanceAsync(instanceId, cancellation: ct);
                        return HttpReply.FromJson(200, new { action, instanceId, purged = purged.PurgedInstanceCount, detail = $"Purged {purged.PurgedInstanceCount} run(s)." });
                    }

                case "restart":
                    {
                        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
                        if (instance is null)
                        {
                            return Problems.InstanceNotFound(instanceId);
                        }

                        // The stored input as it was, so the new run starts exactly as the old one did.
                        var input = instance.SerializedInput is { Length: > 0 } text ? JsonSerializer.Deserialize<JsonElement>(text) : (JsonElement?)null;
                        var id = await client.ScheduleNewOrchestrationInstanceAsync(instance.Name, input, cancellation: ct);
                        return HttpReply.FromJson(201, new { action, instanceId = id, restartedFrom = instanceId, url = links.Run(id), detail = $"Started {instance.Name} {id} with the input of {instanceId}." })
                            .WithHeader("Location", links.Run(id));
                    }

                case "rewind":
                    {
                        if (!client.SupportsRewind)
                        {
                            return Problems.Create(501, "Rewind is not supported here.", "This engine cannot rewind a failed run (Baton's own engine has no rewind). Restart it instead: a new run with the same input.");
                        }

                        var instance = await client.GetInstanceAsync(instanceId, cancellation: ct);
                        if (instance is null)
                        {
                            return Problems.InstanceNotFound(instanceId);
                        }

                        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
                        {
                            return Problems.Conflict($"Run '{instanceId}' is {instance.RuntimeStatus}; only a Failed run can be rewound.");
                        }

                        await client.RewindInstanceAsync(instanceId, reason ?? "Rewound from the dashboard", ct);
                        return Accepted(action, instanceId);
                    }

                default:
                    return Problems.Create(404, "Unknown action.", $"'{action}' is not an action. Actions: terminate, suspend, resume, raise, purge, restart, rewind.");
            }
        }
        catch (OrchestrationNotFoundException)
        {
            return Problems.InstanceNotFound(instanceId);
        }
        catch (OrchestrationFinishedException e)
        {
            return Problems.Gone(instanceId, e.Status.ToString());
        }
        catch (NotSupportedException e)
        {
            return Problems.Create(501, "Not supported here.", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    private static HttpReply Accepted(string action, string instanceId) =>
        HttpReply.FromJson(202, new { action, instanceId, detail = $"{action}: accepted." });

    /// <summary>The JSON-only body rule the dashboard's POSTs share.</summary>
    internal static class Json
    {
        public static (JsonObject? Body, HttpReply? Problem) Read(DashboardRequest request)
        {
            var media = (request.ContentType ?? string.Empty).Split(';', 2)[0].Trim();
            if (!media.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return (null, Problems.Create(415, "Unsupported media type.", "Send the request as application/json."));
            }

            if (string.IsNullOrWhiteSpace(request.Body))
            {
                return (null, null);
            }

            try
            {
                return JsonNode.Parse(request.Body) switch
                {
                    JsonObject body => (body, null),
                    null => (null, null),
                    _ => (null, Problems.InvalidField("$", "The body must be a JSON object.")),
                };
            }
            catch (JsonException e)
            {
                return (null, Problems.InvalidField("$", "The body is not JSON: " + e.Message));
            }
        }

        public static string? Text(JsonObject? body, string name) =>
            body?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
    }
}
