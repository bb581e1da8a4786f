using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Baton.Host;

/// <summary>
/// The keys that protect start and management endpoints, like function keys: a request passes with one of them in the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter. From <c>Baton:Host:Keys</c> (comma-separated or an
/// array) or <c>AzureWebJobs:HostKey</c>. Keys are compared in constant time and never logged.
/// </summary>
internal sealed class HostKeys
{
    /// <summary>The header that carries a key.</summary>
    public const string HeaderName = "x-functions-key";

    private readonly byte[][] _keys;

    /// <summary>Creates the set from explicit keys (empty: keys are off).</summary>
    public HostKeys(IEnumerable<string> keys)
    {
        _keys = [.. keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Encoding.UTF8.GetBytes(k.Trim()))];
    }

    /// <summary>True when at least one key is configured.</summary>
    public bool Enabled => _keys.Length > 0;

    /// <summary>How many keys are configured.</summary>
    public int Count => _keys.Length;

    /// <summary>Reads the keys from configuration.</summary>
    public static HostKeys From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Baton:Host:Keys");
        var keys = new List<string>();
        if (section.Value is { } csv)
        {
            keys.AddRange(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        keys.AddRange(section.GetChildren().Select(c => c.Value).OfType<string>());
        if (configuration["AzureWebJobs:HostKey"] is { Length: > 0 } hostKey)
        {
            keys.Add(hostKey);
        }

        return new HostKeys(keys);
    }

    /// <summary>True when keys are off, or <paramref name="presented"/> is one of them.</summary>
    public bool Accepts(string? presented)
    {
        if (!Enabled)
        {
            return true;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(key, bytes);
        }

        return match;
    }
}
