using System.Security.Cryptography;
using System.Text;

namespace Baton.Approvals;

/// <summary>Resolves the HMAC key from <see cref="ApprovalOptions.SigningKey"/> or the key file under the data directory.</summary>
internal static class ApprovalSigningKey
{
    public const int MinimumBytes = 32;
    public const string FileName = "approval-signing.key";

    public static byte[] Resolve(ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.SigningKey)
            ? LoadOrCreateFile(Path.GetFullPath(Path.Combine(options.DataDirectory, FileName)))
            : Parse(options.SigningKey.Trim());
    }

    public static byte[] Parse(string configured)
    {
        var buffer = new byte[configured.Length];
        if (Convert.TryFromBase64String(configured, buffer, out var written) && written >= MinimumBytes)
        {
            return buffer[..written];
        }

        var text = Encoding.UTF8.GetBytes(configured);
        if (text.Length >= MinimumBytes)
        {
            return text;
        }

        throw new ApprovalConfigurationException(
            $"The setting {ApprovalOptions.SectionName}:SigningKey is too short: it must be base64 of at least {MinimumBytes} bytes " +
            $"or plain text of at least {MinimumBytes} bytes. Generate one with `openssl rand -base64 32`, or leave it empty to " +
            "have a key generated and kept in the data directory.");
    }

    private static byte[] LoadOrCreateFile(string path)
    {
        if (File.Exists(path))
        {
            return ReadFile(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(MinimumBytes);
        try
        {
            // CreateNew: when two processes race, the loser reads the winner's key instead of overwriting it.
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(key));
            stream.Write(text);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReadFile(path);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }

    private static byte[] ReadFile(string path)
    {
        var text = File.ReadAllText(path).Trim();
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written >= MinimumBytes)
        {
            return buffer[..written];
        }

        throw new ApprovalConfigurationException(
            $"The approval signing key file '{path}' does not hold base64 of at least {MinimumBytes} bytes. " +
            $"Delete it to have a new key generated (links already sent stop working), or set {ApprovalOptions.SectionName}:SigningKey.");
    }
}
