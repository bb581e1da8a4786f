namespace Baton.Http;

/// <summary>
/// Which instance ids a start accepts: ids that every management URL, table key and blob path can address. "." and
/// ".." collapse in URL paths, '/', '\', '#' and '?' split them, control characters cannot travel in a URL or a table
/// key, and table keys limit the length.
/// </summary>
public static class InstanceIdRules
{
    /// <summary>The longest instance id accepted.</summary>
    public const int MaxLength = 256;

    /// <summary>Null when <paramref name="instanceId"/> can be addressed; otherwise what is wrong with it and how to fix it.</summary>
    public static string? Check(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (instanceId.Length > MaxLength)
        {
            return $"The instance id is {instanceId.Length} characters long; use at most {MaxLength}.";
        }

        if (instanceId is "." or "..")
        {
            return $"The instance id '{instanceId}' cannot be addressed in a URL; use letters, digits, '-', '_', ':' or '.' around other characters.";
        }

        var bad = instanceId.FirstOrDefault(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        if (bad != default)
        {
            var shown = char.IsControl(bad) ? $"control character U+{(int)bad:X4}" : $"'{bad}'";
            return $"The instance id contains {shown}, which URLs and storage keys cannot hold; leave out '/', '\\', '#', '?' and control characters.";
        }

        if (instanceId.Trim().Length != instanceId.Length)
        {
            return "The instance id starts or ends with blanks; remove them.";
        }

        return null;
    }
}
