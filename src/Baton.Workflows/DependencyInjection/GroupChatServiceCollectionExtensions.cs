using Microsoft.Extensions.DependencyInjection;

namespace Baton.Workflows;

/// <summary>Registers custom speaker selections for <see cref="WorkflowNames.GroupChat"/>.</summary>
public static class GroupChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="select"/> as the speaker selector <paramref name="name"/>, chosen by a group chat input
    /// with <see cref="SpeakerSelection.Custom"/> and <see cref="GroupChatInput.Selector"/> = <paramref name="name"/>.
    /// It runs on every replay, so it must be deterministic; see <see cref="GroupChatSpeakerSelector"/>. A later
    /// registration under the same name wins.
    /// </summary>
    public static IServiceCollection AddGroupChatSpeakerSelector(this IServiceCollection services, string name, Func<SpeakerSelectionContext, string> select)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(select);
        services.AddSingleton(new GroupChatSpeakerSelector(name, select));
        return services;
    }
}
