namespace Baton.Workflows;

/// <summary>How well the evidence supports a finding.</summary>
public enum FindingConfidence
{
    /// <summary>Direct, recent evidence.</summary>
    High,

    /// <summary>Indirect or somewhat dated evidence.</summary>
    Medium,

    /// <summary>Weak, single or old evidence.</summary>
    Low,
}
