namespace Baton.Workflows;

/// <summary>The classifier's structured answer.</summary>
/// <param name="Category">What the request is about.</param>
/// <param name="Urgency">How urgent it is.</param>
/// <param name="Confidence">How sure the classifier is of the category, from 0 to 1.</param>
/// <param name="Reason">One sentence: why this category and urgency.</param>
public sealed record TicketClassification(
    SupportCategory Category,
    TicketUrgency Urgency,
    [property: System.ComponentModel.DataAnnotations.Range(0.0, 1.0)] double Confidence,
    string Reason);
