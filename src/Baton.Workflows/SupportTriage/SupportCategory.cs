namespace Baton.Workflows;

/// <summary>What a support request is about; each category has its own specialist agent.</summary>
public enum SupportCategory
{
    /// <summary>Invoices, payments, refunds, plans and prices.</summary>
    Billing,

    /// <summary>Errors, outages, integrations, performance.</summary>
    Technical,

    /// <summary>Sign-in, users, permissions, account settings, data requests.</summary>
    Account,

    /// <summary>Anything else: questions, feedback, sales enquiries.</summary>
    General,
}
