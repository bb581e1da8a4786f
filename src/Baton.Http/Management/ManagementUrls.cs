namespace Baton.Http;

/// <summary>
/// Builds the instance management URLs: <c>{base}/runtime/webhooks/durabletask/instances/{id}...</c>, with
/// <c>code=</c> when the origin carries a key. The same shapes Durable Functions hands out.
/// </summary>
public static class ManagementUrls
{
    /// <summary>The path the instance management API is served under.</summary>
    public const string InstancesPath = "/runtime/webhooks/durabletask/instances";

    /// <summary>The check-status payload for <paramref name="instanceId"/>.</summary>
    public static HttpManagementPayload CreatePayload(RequestOrigin origin, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var instance = Instance(origin, instanceId);
        return new HttpManagementPayload(
            instanceId,
            instance + Query(origin),
            instance + "/raiseEvent/{eventName}" + Query(origin),
            instance + "/terminate" + Query(origin, "reason={text}"),
            instance + "/suspend" + Query(origin, "reason={text}"),
            instance + "/resume" + Query(origin, "reason={text}"),
            instance + Query(origin));
    }

    /// <summary>The status URL of <paramref name="instanceId"/> (the Location of 202 answers).</summary>
    public static string StatusUrl(RequestOrigin origin, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return Instance(origin, instanceId) + Query(origin);
    }

    private static string Instance(RequestOrigin origin, string instanceId) =>
        origin.Base + InstancesPath + "/" + Uri.EscapeDataString(instanceId);

    private static string Query(RequestOrigin origin, string? first = null)
    {
        var parts = new List<string>();
        if (first is not null)
        {
            parts.Add(first);
        }

        if (!string.IsNullOrEmpty(origin.Code))
        {
            parts.Add("code=" + Uri.EscapeDataString(origin.Code));
        }

        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }
}
