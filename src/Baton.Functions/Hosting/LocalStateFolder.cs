namespace Baton.Functions.Hosting;

/// <summary>
/// Where the Functions app keeps local state (the generated approval signing key, the outbox) when the configuration
/// names no folder. Never the app's own folder: Core Tools runs the app from its build output and restarts the host when
/// files appear there. Under <c>func start</c> in a clone of this repository that is the repository's <c>.baton</c>
/// folder, the one the local host uses; anywhere else, <c>Baton</c> under the user's local application data.
/// </summary>
internal static class LocalStateFolder
{
    /// <summary>The folder, seen from <paramref name="start"/> (the app's folder).</summary>
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return Path.Combine(dir.FullName, ".baton");
            }
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "Baton");
    }
}
