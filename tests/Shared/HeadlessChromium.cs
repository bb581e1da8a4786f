using Microsoft.Playwright;
using Xunit;

namespace Baton.Testing;

/// <summary>Debian's chromium, headless, driven by Playwright: the browser every browser test uses (no browser download).</summary>
internal static class HeadlessChromium
{
    /// <summary>Where Debian's chromium package installs the browser.</summary>
    public const string Path = "/usr/bin/chromium";

    /// <summary>Launches it; fails saying how to install it when it is missing.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"Chromium is not installed at {Path}: install it with 'apt-get install -y chromium' (CI installs it).");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
