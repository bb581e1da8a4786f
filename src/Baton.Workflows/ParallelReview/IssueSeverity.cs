namespace Baton.Workflows;

/// <summary>How serious a review issue is.</summary>
public enum IssueSeverity
{
    /// <summary>Cosmetic or minor.</summary>
    Low,

    /// <summary>Should be fixed before release.</summary>
    Medium,

    /// <summary>Must be fixed before release.</summary>
    High,

    /// <summary>Blocks release.</summary>
    Critical,
}
