using Microsoft.Extensions.Configuration;

namespace Baton.Workflows;

/// <summary>Where declarative workflows are loaded from and what their webhooks may call.</summary>
public sealed class DeclarativeWorkflowOptions
{
    /// <summary>The folder of <c>*.yaml</c> and <c>*.yml</c> files; "workflows" (relative to the working directory) by default.</summary>
    public string Folder { get; set; } = "workflows";

    /// <summary>
    /// URL prefixes a webhook step may call (e.g. "https://hooks.example.com/"). A webhook step whose URL starts with
    /// none of them is refused when loading, and its activity refuses it again before sending.
    /// </summary>
    public IList<string> AllowedWebhookUrls { get; } = [];

    /// <summary>
    /// How long the folder must be quiet after a change before it is reloaded (editors write a file in several steps);
    /// 300 ms by default. Used by <see cref="DeclarativeWorkflowWatcher"/>.
    /// </summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// A folder where every loaded version of every file is kept (as <c>{name}@{version}.yaml</c>), so that a run pinned
    /// to a version whose file changed while the process was down still finishes after a restart; null (the default)
    /// keeps versions in memory only. The local host keeps them under its data directory.
    /// </summary>
    public string? VersionsFolder { get; set; }

    /// <summary>
    /// What happens to a run pinned to a version of its file that this process does not have (the file changed before
    /// the process started, and no <see cref="VersionsFolder"/> kept the old version, as after a redeployment of the
    /// Functions app). False (the default): it replays on the file's current version, as Durable Functions replays
    /// in-flight instances on changed code; right when only prompts or texts changed, a replay failure when steps
    /// changed. True: it fails at once with <see cref="DeclarativeWorkflowVersionNotFoundException"/> saying so.
    /// </summary>
    public bool FailRunsOfUnknownVersions { get; set; }

    /// <summary>The client webhook requests are sent with; one shared default client when null.</summary>
    public HttpClient? WebhookClient { get; set; }

    /// <summary>The configuration entry that lists allowed webhook URL prefixes (an array): <c>Baton:Workflows:AllowedWebhookUrls</c>.</summary>
    public const string AllowedWebhookUrlsSetting = "Baton:Workflows:AllowedWebhookUrls";

    /// <summary>
    /// Adds the prefixes listed under <see cref="AllowedWebhookUrlsSetting"/> (e.g. <c>Baton__Workflows__AllowedWebhookUrls__0</c>
    /// in the environment) to <see cref="AllowedWebhookUrls"/>.
    /// </summary>
    public DeclarativeWorkflowOptions AllowWebhooksFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var prefix in configuration.GetSection(AllowedWebhookUrlsSetting).GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            AllowedWebhookUrls.Add(prefix!.Trim());
        }

        return this;
    }

    /// <summary>True when <paramref name="url"/> starts with an allowed prefix (ordinal, case-insensitive).</summary>
    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && AllowedWebhookUrls.Any(prefix => url.AbsoluteUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
