using Baton.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Baton.Scheduling.Tests;

public sealed class ScheduleCatalogTests
{
    [Theory]
    [InlineData("0 0 8 * *")]
    [InlineData("0 0 25 * * Mon")]
    [InlineData("every monday")]
    public void Constructor_BadCron_ThrowsNamingTheSchedule(string cron)
    {
        var ex = Assert.Throws<ScheduleConfigurationException>(() => new ScheduleCatalog(
            [new ScheduleDefinition { Name = "nightly-digest", Cron = cron, Workflow = "wf" }]));

        Assert.Equal("nightly-digest", ex.ScheduleName);
        Assert.Contains("'nightly-digest'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Cron", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownTimeZone_ThrowsNamingTheSchedule()
    {
        var ex = Assert.Throws<ScheduleConfigurationException>(() => new ScheduleCatalog(
            [new ScheduleDefinition { Name = "paris", Cron = "0 0 8 * * *", TimeZone = "Mars/Olympus", Workflow = "wf" }]));

        Assert.Contains("'paris'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateNames_Throws()
    {
        var ex = Assert.Throws<ScheduleConfigurationException>(() => new ScheduleCatalog(
        [
            new ScheduleDefinition { Name = "a", Cron = "0 0 8 * * *", Workflow = "wf" },
            new ScheduleDefinition { Name = "A", Cron = "0 0 9 * * *", Workflow = "wf" },
        ]));

        Assert.Contains("defined twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_WeeklyReportExpression_FallsOnMondaysAt0800Utc()
    {
        var schedule = new ScheduleCatalog([new ScheduleDefinition { Name = "weekly-report", Cron = "0 0 8 * * Mon", Workflow = "weekly-report" }]).Schedules[0];

        var next = schedule.NextAfter(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 1, 12, 8, 0, 0, TimeSpan.Zero), next);
        Assert.Equal("weekly-report-20260112T080000Z", schedule.InstanceIdFor(next!.Value));
    }

    [Fact]
    public void Schedule_TimeZone_ReadsTheExpressionInThatZone()
    {
        var schedule = new ScheduleCatalog([new ScheduleDefinition { Name = "paris", Cron = "0 0 8 * * *", TimeZone = "Europe/Paris", Workflow = "wf" }]).Schedules[0];

        var next = schedule.NextAfter(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 6, 0, 0, TimeSpan.Zero), next!.Value.ToUniversalTime());
        Assert.Equal("paris-20260701T060000Z", schedule.InstanceIdFor(next.Value));
    }

    [Fact]
    public void Read_ConfigurationArray_BindsEveryField()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Schedules:0:Name"] = "weekly-report",
            ["Baton:Schedules:0:Cron"] = "0 0 8 * * Mon",
            ["Baton:Schedules:0:TimeZone"] = "UTC",
            ["Baton:Schedules:0:Workflow"] = "weekly-report",
            ["Baton:Schedules:0:Enabled"] = "true",
            ["Baton:Schedules:0:PastDue"] = "Skip",
            ["Baton:Schedules:0:Input:weekStart"] = "{occurrence-7d:yyyy-MM-dd}",
            ["Baton:Schedules:0:Input:approvers:0"] = "lead@example.com",
            ["Baton:Schedules:1:Name"] = "off",
            ["Baton:Schedules:1:Cron"] = "0 * * * * *",
            ["Baton:Schedules:1:Workflow"] = "wf",
            ["Baton:Schedules:1:Enabled"] = "false",
        }).Build();

        var definitions = ScheduleConfiguration.Read(configuration);

        Assert.Equal(2, definitions.Count);
        var weekly = definitions[0];
        Assert.Equal(("weekly-report", "0 0 8 * * Mon", "UTC", "weekly-report", true, PastDuePolicy.Skip), (weekly.Name, weekly.Cron, weekly.TimeZone, weekly.Workflow, weekly.Enabled, weekly.PastDue));
        Assert.Equal("{occurrence-7d:yyyy-MM-dd}", weekly.Input!.Value.GetProperty("weekStart").GetString());
        Assert.Equal("lead@example.com", weekly.Input.Value.GetProperty("approvers")[0].GetString());
        Assert.False(definitions[1].Enabled);
        Assert.Null(definitions[1].Input);
    }

    [Fact]
    public async Task AddBatonScheduling_BadCronInConfiguration_StopsHostStartNamingTheSchedule()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Schedules:0:Name"] = "broken-report",
            ["Baton:Schedules:0:Cron"] = "0 8 * * Mon",
            ["Baton:Schedules:0:Workflow"] = "weekly-report",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<DurableTaskClient>(new RecordingDurableClient());
        services.AddBatonScheduling(configuration);
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ScheduleConfigurationException>(() => provider.GetServices<IHostedService>().ToList());

        Assert.Contains("'broken-report'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBatonScheduling_ConfigurationAndCode_RunnerSeesBoth()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Baton:Schedules:0:Name"] = "weekly-report",
            ["Baton:Schedules:0:Cron"] = "0 0 8 * * Mon",
            ["Baton:Schedules:0:Workflow"] = "weekly-report",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<DurableTaskClient>(new RecordingDurableClient());
        services.AddBatonScheduling(configuration);
        services.AddBatonSchedule(new ScheduleDefinition { Name = "hourly", Cron = "0 0 * * * *", Workflow = "wf" });
        await using var provider = services.BuildServiceProvider();

        var status = await provider.GetRequiredService<ScheduleRunner>().GetStatusAsync();

        Assert.Equal(["weekly-report", "hourly"], status.Select(s => s.Name));
        Assert.Single(provider.GetServices<IHostedService>().OfType<ScheduleHostedService>());
    }
}
