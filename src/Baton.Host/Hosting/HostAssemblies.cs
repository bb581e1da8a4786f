using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;

namespace Baton.Host;

/// <summary>
/// The workflow assemblies named in <c>Baton:Host:Assemblies</c> (a list, or one value separated by <c>;</c> or
/// <c>,</c>): paths of built <c>.dll</c> files, relative to the repository root, or names of assemblies the host can
/// already load. Each is loaded into the default context so its types are the host's own.
/// </summary>
internal static class HostAssemblies
{
    /// <summary>The configuration entry.</summary>
    public const string Setting = "Baton:Host:Assemblies";

    /// <summary>Loads the configured assemblies; a missing one fails with a message naming the entry and the path tried.</summary>
    public static IReadOnlyList<Assembly> Load(IConfiguration configuration, string root)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Setting);
        var entries = section.Value is { Length: > 0 } value
            ? value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [.. section.GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0)];
        return [.. entries.Select(entry => LoadOne(entry, root))];
    }

    private static Assembly LoadOne(string entry, string root)
    {
        if (!entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Assembly.Load(new AssemblyName(entry));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                throw new InvalidOperationException(
                    $"{Setting} names the assembly '{entry}', which the host cannot load. Give the path of its built .dll instead " +
                    "(e.g. MyWorkflows/bin/Debug/net10.0/MyWorkflows.dll, relative to the repository root).", e);
            }
        }

        var path = Path.GetFullPath(entry, root);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Setting} names '{entry}', but there is no file {path}. Build the project, or fix the path (relative to {root}).");
        }

        var name = AssemblyName.GetAssemblyName(path);
        return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && string.Equals(a.GetName().Name, name.Name, StringComparison.Ordinal))
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }
}
