namespace Baton.Approvals;

/// <summary>SMTP settings for approval emails, bound from the configuration section <see cref="SectionName"/>. The channel is on when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Baton:Smtp";

    /// <summary>The SMTP server's host name; empty turns the email channel off.</summary>
    public string? Host { get; set; }

    /// <summary>The SMTP server's port.</summary>
    public int Port { get; set; } = 587;

    /// <summary>The user to authenticate as; empty for no authentication.</summary>
    public string? User { get; set; }

    /// <summary>The password for <see cref="User"/>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>Baton &lt;baton@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Baton <baton@localhost>";

    /// <summary>True (the default) to require STARTTLS; false sends in the clear (only for a server on loopback or a trusted relay).</summary>
    public bool UseStartTls { get; set; } = true;

    /// <summary>How long one connection and send may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
