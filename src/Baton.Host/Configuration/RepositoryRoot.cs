namespace Baton.Host;

/// <summary>Finds the repository root (the folder with Functions.sln or package.json), where host.json, local.settings.json, node_modules and .azurite live.</summary>
internal static class RepositoryRoot
{
    /// <summary>The nearest folder at or above <paramref name="start"/> holding Functions.sln or package.json; null when none is.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")) || File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The root seen from the current directory, else from the program's folder, else the current directory.</summary>
    public static string Locate() =>
        Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
}
