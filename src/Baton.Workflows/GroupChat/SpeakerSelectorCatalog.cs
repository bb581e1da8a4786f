namespace Baton.Workflows;

/// <summary>The custom speaker selectors registered in the process, by name (case-insensitive). Thread-safe to read.</summary>
public sealed class SpeakerSelectorCatalog
{
    private readonly Dictionary<string, GroupChatSpeakerSelector> _selectors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a catalog of <paramref name="selectors"/>; a later selector with the same name replaces an earlier one.</summary>
    public SpeakerSelectorCatalog(IEnumerable<GroupChatSpeakerSelector> selectors)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        foreach (var selector in selectors)
        {
            ArgumentNullException.ThrowIfNull(selector);
            ArgumentException.ThrowIfNullOrWhiteSpace(selector.Name);
            _selectors[selector.Name] = selector;
        }
    }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _selectors.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Looks a selector up by name.</summary>
    public bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GroupChatSpeakerSelector? selector) =>
        _selectors.TryGetValue(name ?? string.Empty, out selector);
}
