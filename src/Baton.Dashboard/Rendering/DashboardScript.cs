namespace Baton.Dashboard;

/// <summary>The pages' script (refresh of live fragments, confirmed management actions), read once from the assembly.</summary>
internal static class DashboardScript
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(DashboardScript).Assembly.GetManifestResourceStream("Baton.Dashboard.dashboard.js")
            ?? throw new InvalidOperationException("The dashboard script is missing from Baton.Dashboard's resources; rebuild the project.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Source => Text.Value;
}
