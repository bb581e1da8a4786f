using System.Security.Cryptography;
using System.Text;

namespace Baton.Durable.Replay;

/// <summary>Name-based (version 5) GUIDs: the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    // A fixed namespace for Baton's orchestration GUIDs.
    private static readonly byte[] NamespaceBytes = new Guid("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);

    public static Guid Create(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[NamespaceBytes.Length + nameBytes.Length];
        NamespaceBytes.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, NamespaceBytes.Length);

#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 UUIDs; it is not used for security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
