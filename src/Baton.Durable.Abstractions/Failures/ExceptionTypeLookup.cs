using System.Collections.Concurrent;

namespace Baton.Durable;

/// <summary>Finds exception types by full name among loaded assemblies, caching the answer.</summary>
internal static class ExceptionTypeLookup
{
    private static readonly ConcurrentDictionary<string, Type?> Cache = new(StringComparer.Ordinal);

    public static Type? Find(string fullName) => Cache.GetOrAdd(fullName, static name =>
    {
        var type = Type.GetType(name, throwOnError: false);
        if (type is not null)
        {
            return type;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            type = assembly.GetType(name, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    });
}
