using Azure.Data.Tables;
using Baton.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Scheduling.Tests;

public sealed class AzureTableScheduleStateStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private AzureTableScheduleStateStore NewStore(string hub) => new(new TableServiceClient(azurite.ConnectionString), hub);

    [Fact]
    public async Task SaveAsync_ThenGetAndList_RoundTripsInHubTable()
    {
        var hub = AzuriteFixture.NewHubName();
        var store = NewStore(hub);
        var state = new ScheduleState("weekly-report", Monday, Monday.AddDays(7), "weekly-report-20260105T080000Z");

        await store.SaveAsync(state);

        Assert.Equal(hub + "Schedules", store.TableName);
        Assert.Equal(state, await store.GetAsync("weekly-report"));
        Assert.Null(await store.GetAsync("unknown"));
        Assert.Equal([state], await NewStore(hub).ListAsync());
    }

    [Fact]
    public async Task SaveAsync_OlderLastOccurrence_NeverMovesBack()
    {
        var store = NewStore(AzuriteFixture.NewHubName());
        await store.SaveAsync(new ScheduleState("s", Monday.AddDays(7), Monday.AddDays(14), "s-2"));

        var kept = await store.SaveAsync(new ScheduleState("s", Monday, Monday.AddDays(7), "s-1"));

        Assert.Equal(Monday.AddDays(7), kept.LastOccurrence);
        Assert.Equal("s-2", (await store.GetAsync("s"))!.LastInstanceId);
    }

    [Fact]
    public async Task SaveAsync_ConcurrentSaversOnTwoClients_ConvergeOnTheLatest()
    {
        var hub = AzuriteFixture.NewHubName();
        var a = NewStore(hub);
        var b = NewStore(hub);
        await a.ListAsync();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? a : b).SaveAsync(new ScheduleState("s", Monday.AddDays(i), Monday.AddDays(i + 1), "s-" + i))));

        var stored = await a.GetAsync("s");
        Assert.Equal(Monday.AddDays(9), stored!.LastOccurrence);
        Assert.Equal("s-9", stored.LastInstanceId);
    }

    [Fact]
    public async Task TryClaimAsync_ManyClaimersAtOnce_OneWinsUntilTheClaimLapses()
    {
        var hub = AzuriteFixture.NewHubName();
        await NewStore(hub).SaveAsync(new ScheduleState("s", null, Monday, null));

        var won = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            NewStore(hub).TryClaimAsync("s", Monday, "runner-" + i, Monday, Monday.AddMinutes(1))));

        Assert.Single(won, w => w);
        var stored = await NewStore(hub).GetAsync("s");
        Assert.Equal(Monday, stored!.ClaimedOccurrence);
        Assert.Equal(Monday, stored.NextOccurrence);
        Assert.False(await NewStore(hub).TryClaimAsync("s", Monday, "late", Monday.AddSeconds(59), Monday.AddMinutes(2)));
        Assert.True(await NewStore(hub).TryClaimAsync("s", Monday, "late", Monday.AddMinutes(1), Monday.AddMinutes(2)));

        await NewStore(hub).SaveAsync(new ScheduleState("s", Monday, Monday.AddDays(7), "s-1"));
        Assert.False(await NewStore(hub).TryClaimAsync("s", Monday, "after", Monday.AddHours(1), Monday.AddHours(2)));
    }

    [Fact]
    public async Task CatchUpAsync_WithTableStateAfterRestart_RunsMissedOccurrenceOnce()
    {
        var hub = AzuriteFixture.NewHubName();
        var weekly = new ScheduleDefinition { Name = "weekly-report", Cron = "0 0 8 * * Mon", Workflow = "weekly-report" };
        var client = new RecordingDurableClient { CompleteImmediately = true };
        var time = new FakeTimeProvider(Monday.AddHours(-1));
        var first = new ScheduleRunner(new ScheduleCatalog([weekly]), NewStore(hub), client, time, NullLogger<ScheduleRunner>.Instance);
        await first.CatchUpAsync();
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await first.RunDueAsync());

        // Down for two weeks, then two hosts start together.
        time.Advance(TimeSpan.FromDays(15));
        var started = await Task.WhenAll(
            new ScheduleRunner(new ScheduleCatalog([weekly]), NewStore(hub), client, time, NullLogger<ScheduleRunner>.Instance).CatchUpAsync(),
            new ScheduleRunner(new ScheduleCatalog([weekly]), NewStore(hub), client, time, NullLogger<ScheduleRunner>.Instance).CatchUpAsync());

        Assert.Equal(1, started.Sum());
        Assert.Equal(["weekly-report-20260105T080000Z", "weekly-report-20260119T080000Z"], client.Starts.Select(s => s.InstanceId));
        Assert.Equal(Monday.AddDays(14), (await NewStore(hub).GetAsync("weekly-report"))!.LastOccurrence);
    }
}
