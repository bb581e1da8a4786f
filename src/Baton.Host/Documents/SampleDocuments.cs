using Baton.Agents;
using Microsoft.Extensions.Hosting;

namespace Baton.Host;

/// <summary>
/// Gives the agents something to research when no document store is configured: a few short source documents under
/// <c>sources/</c> in the in-memory store, written at start-up.
/// </summary>
internal sealed class SampleDocuments(IDocumentStore documents) : IHostedService
{
    /// <summary>The sample documents by path.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["sources/pricing/2025-q3-competitors.md"] =
            "Competitor pricing in Q3. Northwind raised its enterprise plan price by 12 percent in July. " +
            "Contoso introduced a free tier limited to three users. Fabrikam kept prices flat but dropped annual discounts.",
        ["sources/pricing/customer-interviews.md"] =
            "Customer interviews on pricing. Eight of twelve customers said annual discounts drive their renewal decision. " +
            "Two customers moved to Contoso after the free tier launched.",
        ["sources/product/roadmap.md"] =
            "Product roadmap. Usage-based pricing is planned for the second half of the year, pending finance review.",
    };

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (path, text) in All)
        {
            if (await documents.ReadAsync(path, cancellationToken) is null)
            {
                await documents.WriteAsync(path, text, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
