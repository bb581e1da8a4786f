using System.Collections.Concurrent;
using System.Text.Json;
using Baton.Durable;

namespace Baton.Workflows.Tests.Declarative;

/// <summary>Saga: when a step fails, the compensations of the completed steps run in reverse and the run says what was undone.</summary>
public sealed class DeclarativeCompensationTests
{
    private const string Trip = """
        name: trip
        steps:
          - name: book-flight
            kind: activity
            activity: Book
            input: { item: flight, traveller: "{{ input.traveller }}" }
            compensate: cancel-flight
          - name: book-hotel
            kind: activity
            activity: Book
            input: { item: hotel, traveller: "{{ input.traveller }}" }
            compensate: cancel-hotel
          - name: note
            kind: activity
            activity: Book
            input: { item: note }
          - name: charge
            kind: activity
            activity: Charge
            input: { amount: "{{ input.amount }}" }
        compensations:
          - name: cancel-flight
            kind: activity
            activity: Cancel
            input: { booking: "{{ compensating.output.id }}", step: "{{ compensating.step }}" }
          - name: cancel-hotel
            kind: activity
            activity: Cancel
            input: { booking: "{{ compensating.output.id }}", step: "{{ compensating.step }}" }
        """;

    private readonly ConcurrentQueue<string> _booked = new();
    private readonly ConcurrentQueue<string> _cancelled = new();

    private Task<DeclarativeRunHost> StartAsync() => DeclarativeRunHost.StartAsync(
        new Dictionary<string, string> { ["trip.yaml"] = Trip },
        registry => registry
            .AddActivityFunc<JsonElement, Booking>("Book", (_, input) =>
            {
                var id = $"{input.GetProperty("item").GetString()}-{_booked.Count + 1}";
                _booked.Enqueue(id);
                return new Booking(id);
            })
            .AddActivityFunc<JsonElement, Booking>("Charge", (_, input) =>
                input.GetProperty("amount").GetInt32() > 500 ? throw new InvalidOperationException("The card was declined.") : new Booking("payment"))
            .AddActivityFunc<JsonElement, bool>("Cancel", (_, input) =>
            {
                _cancelled.Enqueue($"{input.GetProperty("step").GetString()}:{input.GetProperty("booking").GetString()}");
                return true;
            }));

    [Fact]
    public async Task Run_LaterStepFails_CompensatesCompletedStepsInReverseAndReportsWhatWasUndone()
    {
        await using var test = await StartAsync();

        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("trip", new { traveller = "Ana", amount = 900 });
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(["flight-1", "hotel-2", "note-3"], _booked);
        Assert.Equal(["book-hotel:hotel-2", "book-flight:flight-1"], _cancelled);
        var message = done.FailureDetails!.ErrorMessage;
        Assert.Contains("failed at step 'charge'", message, StringComparison.Ordinal);
        Assert.Contains("The card was declined.", message, StringComparison.Ordinal);
        Assert.Contains("Undone, in this order: book-hotel, book-flight.", message, StringComparison.Ordinal);
        Assert.Equal(nameof(WorkflowCompensatedException), done.FailureDetails.ErrorType.Split('.')[^1]);
        var status = done.ReadCustomStatusAs<WorkflowStatus>()!;
        Assert.Equal("Compensated", status.State);
        Assert.Contains("undone: book-hotel, book-flight", status.Step, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EveryStepSucceeds_RunsNoCompensation()
    {
        await using var test = await StartAsync();

        var id = await test.Client.ScheduleNewOrchestrationInstanceAsync("trip", new { traveller = "Ana", amount = 100 });
        var done = await test.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Empty(_cancelled);
        var output = done.ReadOutputAs<DeclarativeWorkflowOutput>()!;
        Assert.Equal(["book-flight", "book-hotel", "note", "charge"], output.Steps);
        Assert.Equal("flight-1", output.Output.GetProperty("book-flight").GetProperty("id").GetString());
    }

    private sealed record Booking(string Id);
}
