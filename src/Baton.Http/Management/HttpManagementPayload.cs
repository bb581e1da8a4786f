using System.Text.Json.Serialization;

namespace Baton.Http;

/// <summary>
/// The check-status payload Durable Functions answers a start with: the instance id and the URLs to query and manage
/// it. Member names are the ones Durable Functions' isolated worker writes.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the status (202 while running, 200 when finished).</param>
/// <param name="SendEventPostUri">POST a JSON body to raise an event; replace <c>{eventName}</c>.</param>
/// <param name="TerminatePostUri">POST to terminate; replace <c>{text}</c> with a reason.</param>
/// <param name="SuspendPostUri">POST to suspend.</param>
/// <param name="ResumePostUri">POST to resume.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE to purge a finished instance.</param>
public sealed record HttpManagementPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri);
