using System.IO.Hashing;
using System.Text;

namespace Baton.Durable.AzureStorage;

/// <summary>Maps an instance id to its control-queue partition: XxHash32 of the UTF-8 id, stable across processes and versions.</summary>
internal static class PartitionHash
{
    public static int Of(string instanceId, int partitionCount)
    {
        var hash = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(instanceId));
        return (int)(hash % (uint)partitionCount);
    }
}
