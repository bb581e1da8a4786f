using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Scheduling.Tests;

public sealed class ScheduleRunnerTests
{
    // Monday 5 January 2026, 07:59:55 UTC.
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 7, 59, 55, TimeSpan.Zero);

    private static ScheduleDefinition EveryTenSeconds(string name = "tick") => new()
    {
        Name = name,
        Cron = "*/10 * * * * *",
        Workflow = "wf",
    };

    private static ScheduleRunner Runner(ScheduleCatalog catalog, IScheduleStateStore store, RecordingDurableClient client, TimeProvider time) =>
        new(catalog, store, client, time, NullLogger<ScheduleRunner>.Instance);

    [Fact]
    public async Task RunDueAsync_EachOccurrence_StartsOneRunWithOccurrenceInstanceId()
    {
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([EveryTenSeconds()]), new InMemoryScheduleStateStore(), client, time);

        Assert.Equal(0, await runner.CatchUpAsync());
        Assert.Empty(client.Starts);

        time.Advance(TimeSpan.FromSeconds(5)); // 08:00:00
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal(0, await runner.RunDueAsync());
        time.Advance(TimeSpan.FromSeconds(4)); // 08:00:04, nothing due
        Assert.Equal(0, await runner.RunDueAsync());
        time.Advance(TimeSpan.FromSeconds(6)); // 08:00:10
        Assert.Equal(1, await runner.RunDueAsync());

        Assert.Equal(["tick-20260105T080000Z", "tick-20260105T080010Z"], client.Starts.Select(s => s.InstanceId));
        Assert.All(client.Starts, s => Assert.Equal("wf", s.Name));
    }

    [Fact]
    public async Task RunDueAsync_SeveralOccurrencesBetweenChecks_StartsOnlyTheLatest()
    {
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([EveryTenSeconds()]), new InMemoryScheduleStateStore(), client, time);
        await runner.CatchUpAsync();

        time.Advance(TimeSpan.FromSeconds(35)); // 08:00:30; 08:00:00, :10, :20 and :30 are due

        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal("tick-20260105T080030Z", Assert.Single(client.Starts).InstanceId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunDueAsync_TwoRunnersOneStoreOneClientAtOnce_StartsEachOccurrenceOnce(bool runsFinishAtOnce)
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryScheduleStateStore();
        var client = new RecordingDurableClient { CompleteImmediately = runsFinishAtOnce };
        var first = Runner(new ScheduleCatalog([EveryTenSeconds()]), store, client, time);
        var second = Runner(new ScheduleCatalog([EveryTenSeconds()]), store, client, time);
        await Task.WhenAll(first.CatchUpAsync(), second.CatchUpAsync());

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            var started = await Task.WhenAll(Task.Run(() => first.RunDueAsync()), Task.Run(() => second.RunDueAsync()));
            Assert.Equal(1, started.Sum());
        }

        Assert.Equal(
            ["tick-20260105T080000Z", "tick-20260105T080010Z", "tick-20260105T080020Z"],
            client.Starts.Select(s => s.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunDueAsync_SecondRunnerAfterTheRunFinished_DoesNotStartItAgain()
    {
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient { CompleteImmediately = true };
        var first = Runner(new ScheduleCatalog([EveryTenSeconds()]), new InMemoryScheduleStateStore(), client, time);

        // Separate stores: only the instance (finished, so the client would accept a new start) says it ran.
        var second = Runner(new ScheduleCatalog([EveryTenSeconds()]), new InMemoryScheduleStateStore(), client, time);
        await first.CatchUpAsync();
        await second.CatchUpAsync();

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, await first.RunDueAsync());
        Assert.Equal(0, await second.RunDueAsync());
        Assert.Equal("tick-20260105T080000Z", Assert.Single(client.Starts).InstanceId);
    }

    [Fact]
    public async Task RunDueAsync_OccurrenceClaimedByARunnerThatStopped_StartsOnceTheClaimLapses()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryScheduleStateStore();
        var client = new RecordingDurableClient();
        var hourly = new ScheduleDefinition { Name = "tick", Cron = "0 0 * * * *", Workflow = "wf" };
        var runner = Runner(new ScheduleCatalog([hourly]), store, client, time);
        await runner.CatchUpAsync();
        time.Advance(TimeSpan.FromSeconds(5)); // 08:00:00
        var occurrence = time.GetUtcNow();

        // Another host claimed 08:00:00 and stopped before starting it.
        Assert.True(await store.TryClaimAsync("tick", occurrence, "gone", occurrence, occurrence + ScheduleRunner.ClaimLease));

        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Equal(ScheduleRunner.RetryInterval, runner.NextDelay());
        time.Advance(ScheduleRunner.RetryInterval);
        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Empty(client.Starts);

        time.Advance(ScheduleRunner.ClaimLease);
        Assert.Equal(1, await runner.RunDueAsync());

        Assert.Equal("tick-20260105T080000Z", Assert.Single(client.Starts).InstanceId);
    }

    [Fact]
    public async Task RunDueAsync_ClaimHolderStartsIt_OtherRunnerCountsItStarted()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryScheduleStateStore();
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([EveryTenSeconds()]), store, client, time);
        await runner.CatchUpAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        var occurrence = time.GetUtcNow();
        await store.TryClaimAsync("tick", occurrence, "other", occurrence, occurrence + ScheduleRunner.ClaimLease);
        Assert.Equal(0, await runner.RunDueAsync());

        await store.SaveAsync(new ScheduleState("tick", occurrence, occurrence.AddSeconds(10), "tick-20260105T080000Z"));
        time.Advance(ScheduleRunner.RetryInterval);

        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Empty(client.Starts);
        time.Advance(TimeSpan.FromSeconds(5)); // 08:00:10
        Assert.Equal(1, await runner.RunDueAsync());
        Assert.Equal("tick-20260105T080010Z", Assert.Single(client.Starts).InstanceId);
    }

    [Fact]
    public async Task CatchUpAsync_OccurrencesMissedWhileDown_RunsTheLatestExactlyOnce()
    {
        var weekly = new ScheduleDefinition { Name = "weekly-report", Cron = "0 0 8 * * Mon", Workflow = "weekly-report" };
        var store = new InMemoryScheduleStateStore();
        var lastRun = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        await store.SaveAsync(new ScheduleState("weekly-report", lastRun, lastRun.AddDays(7), "weekly-report-20260105T080000Z"));

        // Down for three Mondays; back on Wednesday 28 January.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 28, 12, 0, 0, TimeSpan.Zero));
        var client = new RecordingDurableClient { CompleteImmediately = true };

        Assert.Equal(1, await Runner(new ScheduleCatalog([weekly]), store, client, time).CatchUpAsync());

        // A restart (a new runner on the same store) finds nothing more to run.
        var restarted = Runner(new ScheduleCatalog([weekly]), store, client, time);
        Assert.Equal(0, await restarted.CatchUpAsync());
        Assert.Equal(0, await restarted.RunDueAsync());

        Assert.Equal("weekly-report-20260126T080000Z", Assert.Single(client.Starts).InstanceId);
        var state = await store.GetAsync("weekly-report");
        Assert.Equal(new DateTimeOffset(2026, 1, 26, 8, 0, 0, TimeSpan.Zero), state!.LastOccurrence);
        Assert.Equal(new DateTimeOffset(2026, 2, 2, 8, 0, 0, TimeSpan.Zero), state.NextOccurrence);
    }

    [Fact]
    public async Task CatchUpAsync_MissedOccurrenceWithNoRunYet_RunsItOnceFromPersistedNext()
    {
        var store = new InMemoryScheduleStateStore();
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();
        await Runner(new ScheduleCatalog([EveryTenSeconds()]), store, client, time).CatchUpAsync();

        // The host stops before 08:00:00 and comes back at 08:00:12.
        time.Advance(TimeSpan.FromSeconds(17));
        Assert.Equal(1, await Runner(new ScheduleCatalog([EveryTenSeconds()]), store, client, time).CatchUpAsync());

        Assert.Equal("tick-20260105T080010Z", Assert.Single(client.Starts).InstanceId);
    }

    [Fact]
    public async Task CatchUpAsync_PastDueSkip_StartsNothingAndAdvancesNext()
    {
        var definition = EveryTenSeconds();
        definition.PastDue = PastDuePolicy.Skip;
        var store = new InMemoryScheduleStateStore();
        await store.SaveAsync(new ScheduleState("tick", null, Start.AddSeconds(-55), null));
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();

        Assert.Equal(0, await Runner(new ScheduleCatalog([definition]), store, client, time).CatchUpAsync());

        Assert.Empty(client.Starts);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), (await store.GetAsync("tick"))!.NextOccurrence);
    }

    [Fact]
    public async Task CatchUpAsync_FirstStartWithNoState_StartsNothing()
    {
        var store = new InMemoryScheduleStateStore();
        var client = new RecordingDurableClient();

        Assert.Equal(0, await Runner(new ScheduleCatalog([EveryTenSeconds()]), store, client, new FakeTimeProvider(Start)).CatchUpAsync());

        Assert.Empty(client.Starts);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), (await store.GetAsync("tick"))!.NextOccurrence);
    }

    [Fact]
    public async Task RunDueAsync_DisabledSchedule_NeverStarts()
    {
        var definition = EveryTenSeconds();
        definition.Enabled = false;
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([definition]), new InMemoryScheduleStateStore(), client, time);
        await runner.CatchUpAsync();

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, await runner.RunDueAsync());
        Assert.Empty(client.Starts);
    }

    [Fact]
    public async Task RunDueAsync_InputWithPlaceholders_GivesEachRunItsOccurrence()
    {
        var definition = new ScheduleDefinition
        {
            Name = "weekly-report",
            Cron = "0 0 8 * * Mon",
            Workflow = "weekly-report",
            Input = JsonSerializer.SerializeToElement(new { weekStart = "{occurrence-7d:yyyy-MM-dd}", approvers = new[] { "lead@example.com" }, at = "{occurrence}" }),
        };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero));
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([definition]), new InMemoryScheduleStateStore(), client, time);
        await runner.CatchUpAsync();

        time.Advance(TimeSpan.FromHours(1));
        await runner.RunDueAsync();

        var input = Assert.IsType<JsonElement>(Assert.Single(client.Starts).Input);
        Assert.Equal("2025-12-29", input.GetProperty("weekStart").GetString());
        Assert.Equal("lead@example.com", input.GetProperty("approvers")[0].GetString());
        Assert.Equal("2026-01-05T08:00:00.0000000+00:00", input.GetProperty("at").GetString());
    }

    [Fact]
    public async Task RunDueAsync_InputFactory_ReceivesTheOccurrence()
    {
        var definition = EveryTenSeconds();
        definition.InputFactory = o => new { o.ScheduleName, When = o.OccurrenceUtc };
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([definition]), new InMemoryScheduleStateStore(), client, time);
        await runner.CatchUpAsync();

        time.Advance(TimeSpan.FromSeconds(5));
        await runner.RunDueAsync();

        var input = JsonSerializer.SerializeToElement(Assert.Single(client.Starts).Input);
        Assert.Equal("tick", input.GetProperty("ScheduleName").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero), input.GetProperty("When").GetDateTimeOffset());
    }

    [Fact]
    public async Task RunAsync_OnAFakeClock_StartsEachOccurrenceAndStopsOnCancel()
    {
        var time = new FakeTimeProvider(Start);
        var client = new RecordingDurableClient();
        var runner = Runner(new ScheduleCatalog([EveryTenSeconds()]), new InMemoryScheduleStateStore(), client, time);
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);

        await AdvanceUntilAsync(time, () => client.Starts.Count >= 2);
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        // How far the clock ran ahead of the runner depends on the machine; what must hold is one run per occurrence.
        var ids = client.Starts.Select(s => s.InstanceId).ToList();
        Assert.Equal(ids.Distinct().Order(StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Matches(@"^tick-20260105T08\d{3}0Z$", id));
    }

    [Fact]
    public async Task GetStatusAsync_AfterARun_ListsDefinitionLastAndNext()
    {
        var weekly = new ScheduleDefinition { Name = "weekly-report", Cron = "0 0 8 * * Mon", Workflow = "weekly-report" };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 7, 59, 0, TimeSpan.Zero));
        var runner = Runner(new ScheduleCatalog([weekly]), new InMemoryScheduleStateStore(), new RecordingDurableClient(), time);
        await runner.CatchUpAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        await runner.RunDueAsync();

        var status = Assert.Single(await runner.GetStatusAsync());

        Assert.Equal(
            new ScheduleStatus(
                "weekly-report",
                "0 0 8 * * Mon",
                "UTC",
                "weekly-report",
                true,
                new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 12, 8, 0, 0, TimeSpan.Zero),
                "weekly-report-20260105T080000Z"),
            status);
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The runner did not reach the expected state in time.");
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
    }
}
