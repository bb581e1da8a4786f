using System.Collections.Concurrent;

namespace Baton.Durable.Tests.Behavior;

public abstract partial class OrchestrationBehaviorTests
{
    private static void Echo(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Echo", (_, s) => s)
        .AddActivityFunc<int, int>("Double", (_, n) => n * 2)
        .AddActivityFunc<string, string>("Fail", (_, s) => Task.FromException<string>(new InvalidOperationException($"boom: {s}")));

    [Fact]
    public async Task SequentialChain_ThreeActivities_PassesEachResultToTheNext()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddActivityFunc<string, string>("Append", (_, s) => s + "!");
            r.AddOrchestratorFunc<string, string>("Chain", async (ctx, input) =>
            {
                var a = await ctx.CallActivityAsync<string>("Append", input);
                var b = await ctx.CallActivityAsync<string>("Append", a);
                return await ctx.CallActivityAsync<string>("Append", b);
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "go");
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("go!!!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FanOutFanIn_FiftyActivities_SumsEveryResult()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Double", i)));
                return results.Sum();
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 50);
        var done = await CompletionAsync(host, id);

        Assert.Equal(50 * 51, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task FanOutFanIn_OneBranchFails_OthersCompleteAndFailureIsCatchable()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<int, string>("FanOutWithFailure", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => i == 3 ? ctx.CallActivityAsync<string>("Fail", "three") : ctx.CallActivityAsync<string>("Echo", $"ok{i}")).ToList();
                try
                {
                    await Task.WhenAll(tasks);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    var succeeded = tasks.Count(t => t.IsCompletedSuccessfully);
                    return $"{succeeded} ok; {ex.TaskName} failed: {ex.FailureDetails.ErrorMessage}; invalid-op={ex.FailureDetails.IsCausedBy<InvalidOperationException>()}";
                }
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutWithFailure", 5);
        var done = await CompletionAsync(host, id);

        Assert.Equal("4 ok; Fail failed: boom: three; invalid-op=True", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task UnhandledActivityFailure_FailsInstanceWithDetails()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<string, string>("Unhandled", (ctx, s) => ctx.CallActivityAsync<string>("Fail", s));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Unhandled", "x");
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal("boom: x", done.FailureDetails.InnerFailure!.ErrorMessage);
        Assert.True(done.FailureDetails.InnerFailure.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task WhenAny_TimerAgainstEvent_FirstToCompleteWins()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Race", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(TimeSpan.FromDays(1), cts.Token);
            var approval = ctx.WaitForExternalEvent<string>("go");
            var winner = await Task.WhenAny(timer, approval);
            if (winner == approval)
            {
                cts.Cancel();
                return "event:" + approval.Result;
            }

            return "timer";
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Race", "");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "go", "now");
        var done = await CompletionAsync(host, id);

        Assert.Equal("event:now", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Timer_Completes_NoEarlierThanItsDueTime()
    {
        var unit = Unit;
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string[]>("Sleep", async (ctx, _) =>
        {
            var before = ctx.CurrentUtcDateTime;
            await ctx.CreateTimer(unit * 2, CancellationToken.None);
            return [before.ToString("o"), ctx.CurrentUtcDateTime.ToString("o")];
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", "");
        var created = await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        Advance(unit);
        Advance(unit);
        var done = await CompletionAsync(host, id);

        var times = done.ReadOutputAs<string[]>()!.Select(DateTime.Parse).ToArray();
        var fireAt = created.Single(e => e.EventType == HistoryEventType.TimerCreated).FireAt!.Value;
        Assert.Equal(times[0].ToUniversalTime() + unit * 2, fireAt);
        Assert.True(times[1].ToUniversalTime() >= fireAt, $"Timer due at {fireAt:o} completed at {times[1]:o}.");
    }

    [Fact]
    public async Task ActivityRetry_FailsTwice_RetriesWithBackoffAndSucceeds()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var unit = Unit;
        await using var host = await StartAsync(r =>
        {
            r.AddActivityFunc<string, string>("Flaky", (ctx, s) =>
            {
                var n = attempts.AddOrUpdate(ctx.InstanceId, 1, (_, v) => v + 1);
                return n < 3 ? throw new TimeoutException($"attempt {n}") : $"{s} after {n}";
            });
            r.AddOrchestratorFunc<string, string>("Retrying", (ctx, s) => ctx.CallActivityAsync<string>(
                "Flaky", s, TaskOptions.FromRetryPolicy(new RetryPolicy(5, unit, backoffCoefficient: 2))));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "done");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated, 1);
        Advance(unit);
        await HistoryAsync(host, id, HistoryEventType.TimerCreated, 2);
        Advance(unit * 2);
        var done = await CompletionAsync(host, id);

        Assert.Equal("done after 3", done.ReadOutputAs<string>());
        var timers = (await host.Client.GetInstanceHistoryAsync(id))!.Where(e => e.EventType == HistoryEventType.TimerCreated).ToList();
        Assert.Equal([unit, unit * 2], timers.Select(t => t.FireAt!.Value - t.Timestamp));
    }

    [Fact]
    public async Task ActivityRetry_FailureCarriesRetryAfter_HintSetsTheNextDelay()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var unit = Unit;
        await using var host = await StartAsync(r =>
        {
            r.AddActivityFunc<string, string>("Throttled", (ctx, s) =>
                attempts.AddOrUpdate(ctx.InstanceId, 1, (_, v) => v + 1) == 1 ? throw new ThrottledException(unit * 3) : s);
            r.AddOrchestratorFunc<string, string>("RetryAfter", (ctx, s) => ctx.CallActivityAsync<string>(
                "Throttled", s, TaskOptions.FromRetryPolicy(new RetryPolicy(3, unit))));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("RetryAfter", "ok");
        var history = await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        Advance(unit * 3);
        var done = await CompletionAsync(host, id);

        var timer = history.Single(e => e.EventType == HistoryEventType.TimerCreated);
        Assert.Equal(unit * 3, timer.FireAt!.Value - timer.Timestamp);
        Assert.Equal("ok", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ActivityRetry_AttemptsExhausted_FailsWithLastFailure()
    {
        var unit = Unit;
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<string, string>("GivesUp", (ctx, s) => ctx.CallActivityAsync<string>(
                "Fail", s, TaskOptions.FromRetryPolicy(new RetryPolicy(2, unit))));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("GivesUp", "again");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        Advance(unit);
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("boom: again", done.FailureDetails!.InnerFailure!.ErrorMessage);
        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        Assert.Equal(2, history.Count(e => e.EventType == HistoryEventType.TaskFailed));
    }

    [Fact]
    public async Task RaisedBeforeWait_EventIsBufferedAndNameIsCaseInsensitive()
    {
        var unit = Unit;
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("LateWaiter", async (ctx, _) =>
        {
            await ctx.CreateTimer(unit, CancellationToken.None);
            return await ctx.WaitForExternalEvent<string>("approval");
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("LateWaiter", "");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "APPROVAL", "yes");
        await HistoryAsync(host, id, HistoryEventType.EventRaised);
        Advance(unit);
        var done = await CompletionAsync(host, id);

        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitWithTimeout_NoEvent_TimesOutWithTaskCanceledException()
    {
        var unit = Unit;
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Approve", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("approval", unit * 2);
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve", "");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        Advance(unit * 2);
        var done = await CompletionAsync(host, id);

        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitWithTimeout_EventArrivesFirst_ReturnsPayload()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, Decision>("Approve", async (ctx, _) =>
            await ctx.WaitForExternalEvent<Decision>("approval", TimeSpan.FromDays(1))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approve", "");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        await host.Client.RaiseEventAsync(id, "approval", new Decision(true, "ana"));
        var done = await CompletionAsync(host, id);

        Assert.Equal(new Decision(true, "ana"), done.ReadOutputAs<Decision>());
    }

    [Fact]
    public async Task WaitWithTimeout_EventArrivesLate_IsKeptForTheNextWait()
    {
        var unit = Unit;
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("TwoWaits", async (ctx, _) =>
        {
            string first;
            try
            {
                first = await ctx.WaitForExternalEvent<string>("answer", unit);
            }
            catch (TaskCanceledException)
            {
                first = "timeout";
            }

            ctx.SetCustomStatus("waiting again");
            var second = await ctx.WaitForExternalEvent<string>("answer");
            return $"{first}/{second}";
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoWaits", "");
        await HistoryAsync(host, id, HistoryEventType.TimerCreated);
        Advance(unit);
        await EventuallyAsync(() => host.Client.GetInstanceAsync(id, true), s => s?.ReadCustomStatusAs<string>() == "waiting again", "second wait");
        await host.Client.RaiseEventAsync(id, "answer", "late");
        var done = await CompletionAsync(host, id);

        Assert.Equal("timeout/late", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_Succeeds_ReturnsChildOutput()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<int, int>("Child", (ctx, n) => ctx.CallActivityAsync<int>("Double", n));
            r.AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
            {
                var a = await ctx.CallSubOrchestratorAsync<int>("Child", n);
                var b = await ctx.CallSubOrchestratorAsync<int>("Child", a, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"));
                return b;
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 5);
        var done = await CompletionAsync(host, id);

        Assert.Equal(20, done.ReadOutputAs<int>());

        // The child's completion reaches the parent before the child's own row says Completed (messages are sent
        // before state is written), so the child is waited for rather than read once.
        var child = await CompletionAsync(host, id + "-child");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(id, child.ParentInstanceId);
    }

    [Fact]
    public async Task SubOrchestration_ContextParentInstanceId_IsTheParentForAChildAndNullForARoot()
    {
        await using var host = await StartAsync(r =>
        {
            r.AddOrchestratorFunc<string?, string>("Child", (ctx, _) => Task.FromResult(ctx.ParentInstanceId ?? "none"));
            r.AddOrchestratorFunc<string?, string>("Parent", async (ctx, _) =>
                (ctx.ParentInstanceId ?? "none") + "/" + await ctx.CallSubOrchestratorAsync<string>("Child", null));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", null);
        var done = await CompletionAsync(host, id);

        Assert.Equal("none/" + id, done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_ChildFails_ParentSeesTaskFailedExceptionWithCause()
    {
        await using var host = await StartAsync(r =>
        {
            r.AddOrchestratorFunc<string, string>("BadChild", (_, s) => throw new ArgumentException($"bad input {s}"));
            r.AddOrchestratorFunc<string, string>("Parent", async (ctx, s) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("BadChild", s);
                }
                catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<ArgumentException>())
                {
                    return "caught: " + ex.FailureDetails.ErrorMessage;
                }
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", "q");
        var done = await CompletionAsync(host, id);

        Assert.Equal("caught: bad input q", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_WithUnprocessedEvents_CarriesThemIntoTheNextExecution()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int[], int[]>("Accumulate", async (ctx, seen) =>
        {
            var next = await ctx.WaitForExternalEvent<int>("add");
            int[] all = [.. seen, next];
            if (all.Length == 3)
            {
                return all;
            }

            ctx.ContinueAsNew(all);
            return all;
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulate", Array.Empty<int>());
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.RaiseEventAsync(id, "add", 1);
        await host.Client.RaiseEventAsync(id, "add", 2);
        await host.Client.RaiseEventAsync(id, "add", 3);
        var done = await CompletionAsync(host, id);

        Assert.Equal([1, 2, 3], done.ReadOutputAs<int[]>()!);
        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        Assert.Equal("[1,2]", history.First(e => e.EventType == HistoryEventType.ExecutionStarted).Input);
    }

    [Fact]
    public async Task Terminate_RunningInstance_StopsItAndRefusesLaterEvents()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("never")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("no longer needed"));
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("no longer needed", done.ReadOutputAs<string>());
        await Assert.ThrowsAsync<OrchestrationFinishedException>(() => host.Client.RaiseEventAsync(id, "never", "x"));
    }

    [Fact]
    public async Task Terminate_Recursive_TerminatesRunningChildren()
    {
        await using var host = await StartAsync(r =>
        {
            r.AddOrchestratorFunc<string, string>("WaitingChild", (ctx, _) => ctx.WaitForExternalEvent<string>("never"));
            r.AddOrchestratorFunc<string, string>("Parent", (ctx, _) =>
                ctx.CallSubOrchestratorAsync<string>("WaitingChild", null, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-kid")));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", "");
        await StatusAsync(host, id + "-kid", OrchestrationRuntimeStatus.Running);
        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stop all", Recursive: true));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await CompletionAsync(host, id)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await CompletionAsync(host, id + "-kid")).RuntimeStatus);
    }

    [Fact]
    public async Task SuspendAndResume_EventWhileSuspended_IsHeldUntilResume()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Pausable", (ctx, _) => ctx.WaitForExternalEvent<string>("go")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pausable", "");
        await host.Client.WaitForInstanceStartAsync(id);
        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await StatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "go", "resumed run");
        await HistoryAsync(host, id, HistoryEventType.EventRaised);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done");
        var done = await CompletionAsync(host, id);
        Assert.Equal("resumed run", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_FinishedInstance_RemovesItButNotARunningOne()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<string, string>("Quick", (ctx, s) => ctx.CallActivityAsync<string>("Echo", s));
            r.AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("never"));
        });

        var finished = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", "a");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "");
        await CompletionAsync(host, finished);
        await host.Client.WaitForInstanceStartAsync(running);

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(finished)).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(running)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.Null(await host.Client.GetInstanceHistoryAsync(finished));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Query_TwentyFiveInstances_PagesThroughAllWithFilters()
    {
        await using var host = await StartAsync(r =>
        {
            r.AddOrchestratorFunc<string, string>("Quick", (_, s) => Task.FromResult(s));
            r.AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("never"));
        });

        for (var i = 0; i < 25; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", $"q{i}", new StartOrchestrationOptions($"batch-{i:D2}"));
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "", new StartOrchestrationOptions("other-1"));
        for (var i = 0; i < 25; i++)
        {
            await CompletionAsync(host, $"batch-{i:D2}");
        }

        await host.Client.WaitForInstanceStartAsync(waiting);

        var pages = new List<OrchestrationQueryResult>();
        var query = new OrchestrationQuery(InstanceIdPrefix: "batch-", PageSize: 10);
        do
        {
            var page = await host.Client.QueryInstancesAsync(query);
            pages.Add(page);
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Instances.Count));
        Assert.Equal(25, pages.SelectMany(p => p.Instances).Select(i => i.InstanceId).Distinct().Count());

        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running]));
        Assert.Equal(["other-1"], running.Instances.Select(i => i.InstanceId));

        var byName = await host.Client.QueryInstancesAsync(new OrchestrationQuery(Name: "quick", PageSize: 100, FetchInputsAndOutputs: true));
        Assert.Equal(25, byName.Instances.Count);
        Assert.All(byName.Instances, i => Assert.StartsWith("q", i.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task Schedule_IdOfRunningInstance_IsRefused_FinishedIdIsReplaced()
    {
        await using var host = await StartAsync(r =>
        {
            r.AddOrchestratorFunc<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        });

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "", new StartOrchestrationOptions("fixed"));
        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "", new StartOrchestrationOptions("fixed")));
        Assert.Contains("fixed", refused.Message);

        await host.Client.RaiseEventAsync("fixed", "go", "first");
        Assert.Equal("first", (await CompletionAsync(host, "fixed")).ReadOutputAs<string>());

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "", new StartOrchestrationOptions("fixed"));
        await host.Client.WaitForInstanceStartAsync("fixed");
        await host.Client.RaiseEventAsync("fixed", "go", "second");
        Assert.Equal("second", (await CompletionAsync(host, "fixed")).ReadOutputAs<string>());
        var history = (await host.Client.GetInstanceHistoryAsync("fixed"))!;
        Assert.Single(history, e => e.EventType == HistoryEventType.ExecutionStarted);
    }

    [Fact]
    public async Task SetCustomStatus_Over16KB_FailsWithClearMessage()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Chatty", (ctx, _) =>
        {
            ctx.SetCustomStatus(new string('x', 17 * 1024));
            return Task.FromResult("unreachable");
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chatty", "");
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("limit is 16384 bytes", done.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task SetCustomStatus_Small_IsVisibleWhileRunning()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<string, string>("Progress", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { step = "waiting", tokens = 42 });
            return await ctx.WaitForExternalEvent<string>("go");
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Progress", "");
        var status = await EventuallyAsync(() => host.Client.GetInstanceAsync(id, true), s => s?.SerializedCustomStatus is not null, "custom status");

        Assert.Equal("{\"step\":\"waiting\",\"tokens\":42}", status!.SerializedCustomStatus);
    }

    [Fact]
    public async Task UnknownActivity_FailsInstanceNamingTheActivityAndTheRegisteredOnes()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<string, string>("Typo", (ctx, s) => ctx.CallActivityAsync<string>("Ecoh", s));
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Typo", "");
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var message = done.FailureDetails!.InnerFailure!.ErrorMessage;
        Assert.Contains("Activity 'Ecoh' is not registered", message);
        Assert.Contains("Double, Echo, Fail", message);
    }

    [Fact]
    public async Task UnknownOrchestrator_FailsInstanceWithClearMessage()
    {
        await using var host = await StartAsync(Echo);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Missing", "");
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Orchestrator 'Missing' is not registered", done.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Replay_CodeAsksForADifferentActivity_FailsAsNonDeterministic()
    {
        var useA = true;
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddActivityFunc<string, string>("A", (_, s) => s);
            r.AddActivityFunc<string, string>("B", (_, s) => s);
            r.AddOrchestratorFunc<string, string>("Changes", async (ctx, s) =>
            {
                await ctx.CallActivityAsync<string>(Volatile.Read(ref useA) ? "A" : "B", s);
                return await ctx.WaitForExternalEvent<string>("go");
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changes", "x");
        await HistoryAsync(host, id, HistoryEventType.TaskCompleted);
        Volatile.Write(ref useA, false);
        await host.Client.RaiseEventAsync(id, "go", "y");
        var done = await CompletionAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains($"'{id}'", done.FailureDetails.ErrorMessage);
        Assert.Contains("task #0 history holds activity 'A'", done.FailureDetails.ErrorMessage);
        Assert.Contains("asked for activity 'B'", done.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task NewGuidAndCurrentTime_AreStableAcrossReplays()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<string, string>("Stable", async (ctx, _) =>
            {
                var first = $"{ctx.NewGuid()}|{ctx.CurrentUtcDateTime:o}";
                await ctx.CallActivityAsync<string>("Echo", first);
                await ctx.CallActivityAsync<string>("Echo", "second");
                await ctx.CallActivityAsync<string>("Echo", "third");
                return first + "|" + ctx.NewGuid();
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Stable", "");
        var done = await CompletionAsync(host, id);

        var history = (await host.Client.GetInstanceHistoryAsync(id))!;
        var recordedFirst = history.First(e => e.EventType == HistoryEventType.TaskScheduled).Input!.Trim('"');
        var output = done.ReadOutputAs<string>()!.Split('|');
        Assert.Equal(recordedFirst, $"{output[0]}|{output[1]}");
        Assert.NotEqual(output[0], output[2]);
    }

    [Fact]
    public async Task LongHistory_OverAThousandEvents_ReplaysToTheRightResult()
    {
        await using var host = await StartAsync(r =>
        {
            Echo(r);
            r.AddOrchestratorFunc<int, int>("Long", async (ctx, n) =>
            {
                var total = 0;
                for (var i = 0; i < n; i++)
                {
                    total += await ctx.CallActivityAsync<int>("Double", i);
                }

                return total;
            });
        });

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long", 260);
        var done = await CompletionAsync(host, id);

        Assert.Equal(2 * (259 * 260 / 2), done.ReadOutputAs<int>());
        Assert.True((await host.Client.GetInstanceHistoryAsync(id))!.Count > 1000);
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_IsDelivered()
    {
        await using var host = await StartAsync(r =>
        {
            r.AddOrchestratorFunc<string, string>("Receiver", (ctx, _) => ctx.WaitForExternalEvent<string>("ping"));
            r.AddOrchestratorFunc<string, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "ping", "hello from " + ctx.InstanceId);
                return Task.FromResult("sent");
            });
        });

        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", "");
        await host.Client.WaitForInstanceStartAsync(receiver);
        var sender = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver);

        Assert.Equal("sent", (await CompletionAsync(host, sender)).ReadOutputAs<string>());
        Assert.Equal("hello from " + sender, (await CompletionAsync(host, receiver)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ClassBasedOrchestratorAndActivity_RunByRegisteredName()
    {
        await using var host = await StartAsync(r => r.AddOrchestrator<GreetingOrchestrator>().AddActivity<GreetActivity>());

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), new GreetingRequest("Ada", 2));
        var done = await CompletionAsync(host, id);

        Assert.Equal(["Hello, Ada (1)", "Hello, Ada (2)"], done.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_ThrowsNotFound()
    {
        await using var host = await StartAsync(Echo);

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => host.Client.RaiseEventAsync("nope", "x", null));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => host.Client.TerminateInstanceAsync("nope"));
        Assert.Null(await host.Client.GetInstanceAsync("nope"));
    }

    public sealed record Decision(bool Approved, string By);

    public sealed record GreetingRequest(string Name, int Times);

    public sealed class GreetingOrchestrator : TaskOrchestrator<GreetingRequest, string[]>
    {
        public override async Task<string[]> RunAsync(TaskOrchestrationContext context, GreetingRequest input)
        {
            var greetings = new List<string>();
            for (var i = 1; i <= input.Times; i++)
            {
                greetings.Add(await context.CallActivityAsync<string>(nameof(GreetActivity), $"{input.Name} ({i})"));
            }

            return [.. greetings];
        }
    }

    public sealed class GreetActivity : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello, {input}");
    }

    private sealed class ThrottledException(TimeSpan retryAfter) : Exception("429 Too Many Requests"), IRetryAfterHint
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}
