using Baton.Agents;

namespace Baton.Host;

/// <summary>
/// Documents as files under a folder (paths with '/' become subfolders), so that reports published on a laptop can be
/// opened in an editor. Writes replace the whole file through a temporary file, so a repeated write is harmless and a
/// reader never sees half a document. Thread-safe.
/// </summary>
internal sealed class FolderDocumentStore(string root) : IDocumentStore
{
    /// <summary>The folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The file a document path maps to; throws for a path that leaves the folder.</summary>
    public string FileFor(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The document path '{path}' leaves the store's folder; use a relative path without '..'.", nameof(path));
        }

        return full;
    }

    /// <inheritdoc />
    public async Task<string?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = FileFor(path);
        return File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken) : null;
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, string content, CancellationToken cancellationToken = default)
    {
        var file = FileFor(path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(string? prefix = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root))
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        IReadOnlyList<string> paths = [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => prefix is null || p.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        return Task.FromResult(paths);
    }
}
