namespace Baton.Http;

/// <summary>What a status answer includes, from the query string of a status request.</summary>
/// <param name="ShowHistory"><c>showHistory</c>: include <c>historyEvents</c>.</param>
/// <param name="ShowHistoryOutput"><c>showHistoryOutput</c>: include results in the history events.</param>
/// <param name="ShowInput"><c>showInput</c>: include the input (default true, as Durable Functions does).</param>
public sealed record StatusOptions(bool ShowHistory = false, bool ShowHistoryOutput = false, bool ShowInput = true)
{
    /// <summary>Reads the options from query parameters (<c>true</c>/<c>false</c>, case-insensitive); absent or unreadable means the default.</summary>
    public static StatusOptions FromQuery(Func<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new StatusOptions(
            Flag(query("showHistory"), false),
            Flag(query("showHistoryOutput"), false),
            Flag(query("showInput"), true));
    }

    private static bool Flag(string? value, bool fallback) => bool.TryParse(value, out var flag) ? flag : fallback;
}
