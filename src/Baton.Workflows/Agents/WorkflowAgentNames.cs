namespace Baton.Workflows;

/// <summary>The names of the agents the built-in workflows use, as registered in the <see cref="Baton.Agents.AgentCatalog"/>.</summary>
public static class WorkflowAgentNames
{
    /// <summary>Finds and quotes relevant source material with the document tools.</summary>
    public const string Researcher = "researcher";

    /// <summary>Turns research notes into structured <see cref="ResearchFindings"/>.</summary>
    public const string Analyst = "analyst";

    /// <summary>Writes (and revises) the markdown report.</summary>
    public const string Writer = "writer";

    /// <summary>Reviews a document for security risks.</summary>
    public const string SecurityReviewer = "security-reviewer";

    /// <summary>Reviews a document for legal and compliance risks.</summary>
    public const string LegalReviewer = "legal-reviewer";

    /// <summary>Reviews a document for financial soundness.</summary>
    public const string FinanceReviewer = "finance-reviewer";

    /// <summary>Merges reviewers' verdicts into one <see cref="AggregatedReview"/>.</summary>
    public const string ReviewAggregator = "review-aggregator";

    /// <summary>Classifies a support request into a <see cref="TicketClassification"/>.</summary>
    public const string TriageClassifier = "triage-classifier";

    /// <summary>Answers billing requests.</summary>
    public const string BillingSpecialist = "billing-specialist";

    /// <summary>Answers technical requests, with the knowledge base.</summary>
    public const string TechnicalSpecialist = "technical-specialist";

    /// <summary>Answers account requests.</summary>
    public const string AccountSpecialist = "account-specialist";

    /// <summary>Answers any other request.</summary>
    public const string GeneralSupport = "general-support";

    /// <summary>Opens an escalation ticket (an approval-gated tool).</summary>
    public const string EscalationCoordinator = "escalation-coordinator";

    /// <summary>Drafts the reply to the customer.</summary>
    public const string CustomerCommunicator = "customer-communicator";

    /// <summary>Drafts a document from a brief and revises it on change requests.</summary>
    public const string Drafter = "drafter";

    /// <summary>Reviews a draft against its brief, answering with a <see cref="DraftReview"/>.</summary>
    public const string DraftReviewer = "draft-reviewer";

    /// <summary>Picks the next speaker of a group chat, answering with a <see cref="SpeakerChoice"/>.</summary>
    public const string ChatSelector = "chat-selector";

    /// <summary>The reviewers a parallel review uses when its input names none.</summary>
    public static IReadOnlyList<string> DefaultReviewers { get; } = [SecurityReviewer, LegalReviewer, FinanceReviewer];
}
