using Baton.Agents;
using Microsoft.Extensions.Hosting;

namespace Baton.Host;

/// <summary>
/// Gives the agents something to work from when no document store is configured: short source documents under
/// <c>sources/</c> in the in-memory store, written at start-up (pricing research for research-report, a support
/// knowledge base for support-triage). Documents already there are left alone.
/// </summary>
internal sealed class SampleDocuments(IDocumentStore documents) : IHostedService
{
    /// <summary>The sample documents by path: pricing research for research-report, a support knowledge base for support-triage.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["sources/pricing/2025-q3-competitors.md"] = """
            # Competitor pricing in Q3

            Northwind raised its enterprise plan price by 12 percent in July, to 54 dollars per user per month.
            Contoso introduced a free tier in August, limited to three users and 2 GB of storage.
            Fabrikam kept list prices flat but dropped its 15 percent discount for annual contracts in September.
            None of the three changed the price of their team plans during the quarter.
            """,
        ["sources/pricing/customer-interviews.md"] = """
            # Customer interviews on pricing (September)

            Eight of twelve customers interviewed said annual discounts drive their renewal decision.
            Two customers moved their smaller teams to Contoso after its free tier launched.
            Three customers asked for usage-based pricing for occasional users.
            Customers on the enterprise plan said price rises above 10 percent would trigger a competitive review.
            """,
        ["sources/pricing/win-loss-q3.md"] = """
            # Win-loss review, Q3

            We won 18 of 31 competitive deals in Q3, up from 14 of 30 in Q2.
            Deals lost to Contoso were all under 10 seats and cited its free tier.
            Deals won against Northwind cited its July price increase.
            """,
        ["sources/product/roadmap.md"] = """
            # Product roadmap, second half

            Usage-based pricing for occasional users is planned for the fourth quarter, pending finance review.
            A free trial extension from 14 to 30 days is planned for October.
            """,
        ["sources/support/kb-checkout-errors.md"] = """
            # Known issue: checkout returns HTTP 500

            Checkout returns HTTP 500 errors when the payment provider's webhook secret has expired.
            The fix is to rotate the webhook secret in Settings, Payments, and then retry the failed orders.
            Orders that failed with a 500 error are not charged and can be retried safely.
            The on-call engineer must be paged for any checkout outage that affects every customer.
            """,
        ["sources/support/kb-sign-in.md"] = """
            # Known issue: sign-in loops after a password reset

            After a password reset, some browsers keep an old session cookie and loop back to the sign-in page.
            Clearing the site's cookies or signing in from a private window ends the loop.
            """,
        ["sources/support/billing-policy.md"] = """
            # Billing policy

            Duplicate charges are refunded within five business days once the billing team has confirmed them.
            Plan changes take effect at the next billing date and are prorated.
            """,
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
