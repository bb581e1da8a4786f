namespace Baton.Approvals;

/// <summary>Teams settings for approval cards, bound from the configuration section <see cref="SectionName"/>. The channel is on when <see cref="WebhookUrl"/> is set.</summary>
public sealed class TeamsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Baton:Teams";

    /// <summary>The incoming-webhook (or workflow) URL that accepts a message with an Adaptive Card attachment; empty turns the channel off. Never logged.</summary>
    public string? WebhookUrl { get; set; }
}
