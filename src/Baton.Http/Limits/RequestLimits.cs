using System.Text;

namespace Baton.Http;

/// <summary>
/// How large a workflow input (a start's body) and an event (a raise-event's body) may be. Larger ones are answered
/// with 413 problem details naming the limit and the setting that raises it, before anything is stored. Both hosts
/// apply them through <see cref="WorkflowStartApi"/> and <see cref="InstanceManagementApi"/>.
/// </summary>
public sealed record RequestLimits
{
    /// <summary>The default of both limits: 4 MB of UTF-8.</summary>
    public const long DefaultMaxBytes = 4 * 1024 * 1024;

    /// <summary>The limits when none are configured.</summary>
    public static RequestLimits Default { get; } = new();

    /// <summary>The largest start body, in UTF-8 bytes (setting <c>Baton:Http:MaxInputBytes</c>).</summary>
    public long MaxInputBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The largest raise-event body, in UTF-8 bytes (setting <c>Baton:Http:MaxEventBytes</c>).</summary>
    public long MaxEventBytes { get; init; } = DefaultMaxBytes;

    /// <summary>The setting that holds <see cref="MaxInputBytes"/>.</summary>
    public const string MaxInputSetting = "Baton:Http:MaxInputBytes";

    /// <summary>The setting that holds <see cref="MaxEventBytes"/>.</summary>
    public const string MaxEventSetting = "Baton:Http:MaxEventBytes";

    /// <summary>The larger of the two limits: what a host lets its server read at most.</summary>
    public long LargestBody => Math.Max(MaxInputBytes, MaxEventBytes);

    /// <summary>The 413 for a start body over <see cref="MaxInputBytes"/>; null when it fits.</summary>
    public HttpReply? CheckInput(string? body) => Check(body, MaxInputBytes, "workflow input", MaxInputSetting);

    /// <summary>The 413 for an event body over <see cref="MaxEventBytes"/>; null when it fits.</summary>
    public HttpReply? CheckEvent(string? body) => Check(body, MaxEventBytes, "event body", MaxEventSetting);

    /// <summary>The 413 for a body over <paramref name="limit"/> found before it was read (its Content-Length, or while reading).</summary>
    public static HttpReply TooLarge(long limit, string what, string setting) => Problems.PayloadTooLarge(limit, what, setting);

    private static HttpReply? Check(string? body, long limit, string what, string setting)
    {
        // A char takes one to three UTF-8 bytes: most bodies are judged by their length alone.
        if (body is null || body.Length * 3L <= limit)
        {
            return null;
        }

        return body.Length > limit || Encoding.UTF8.GetByteCount(body) > limit ? Problems.PayloadTooLarge(limit, what, setting) : null;
    }
}
