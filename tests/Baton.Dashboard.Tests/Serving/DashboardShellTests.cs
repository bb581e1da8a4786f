using Baton.Durable;
using Baton.Durable.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Dashboard.Tests.Serving;

/// <summary>
/// The shell a page's address answers with where the pages need a key (Azure Functions): the same bytes for every
/// address, nothing read from storage, the sign-in form, and pages that name the data route they are fetched from.
/// </summary>
public sealed class DashboardShellTests
{
    private const string Root = "/api/dashboard";
    private const string DataRoot = "/api/dashboard-data";

    [Fact]
    public void Shell_AnyAddress_SameKeyFreePageThatLoadsFromTheDataRoute()
    {
        using var services = Services();
        var dashboard = services.GetRequiredService<DashboardApi>();

        var run = dashboard.Shell(new DashboardRequest("GET", "/runs/order-4711", Root) { DataRoot = DataRoot, Query = DashboardRequest.ParseQuery("?code=secret-key&status=Failed") });
        var runs = dashboard.Shell(new DashboardRequest("GET", "/", Root) { DataRoot = DataRoot });

        Assert.Equal(200, run.StatusCode);
        Assert.Equal(runs.Body, run.Body);
        Assert.DoesNotContain("order-4711", run.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", run.Body, StringComparison.Ordinal);
        Assert.Contains("data-root=\"/api/dashboard\" data-fetch-root=\"/api/dashboard-data\" data-shell=\"true\"", run.Body, StringComparison.Ordinal);
        Assert.Contains("<form id=\"sign-in-form\" method=\"post\"", run.Body, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", run.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"device\"", run.Body, StringComparison.Ordinal);
        Assert.Equal("no-store", run.Header("Cache-Control"));
        Assert.Equal("DENY", run.Header("X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", run.Header("Content-Security-Policy"));
    }

    [Fact]
    public void Shell_Post_IsRefusedNamingTheDataRoute()
    {
        using var services = Services();

        var reply = services.GetRequiredService<DashboardApi>().Shell(new DashboardRequest("POST", "/runs/x/terminate", Root) { DataRoot = DataRoot });

        Assert.Equal(405, reply.StatusCode);
        Assert.Equal("GET", reply.Header("Allow"));
        Assert.Contains("/api/dashboard-data/", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Shell_WithoutDataRoot_ThrowsSayingWhatToSet()
    {
        using var services = Services();

        var error = Assert.Throws<ArgumentException>(() => services.GetRequiredService<DashboardApi>().Shell(new DashboardRequest("GET", "/", "/dashboard")));

        Assert.Contains("DataRoot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_WithDataRoot_PageNamesItAndOffersToForgetTheKey_WithoutIt_PageIsAsOnTheLocalHost()
    {
        using var services = Services();
        var dashboard = services.GetRequiredService<DashboardApi>();
        var client = services.GetRequiredService<DurableTaskClient>();

        var behindShell = await dashboard.HandleAsync(new DashboardRequest("GET", "/", Root) { DataRoot = DataRoot }, client, CancellationToken.None);
        var local = await dashboard.HandleAsync(new DashboardRequest("GET", "/", "/dashboard"), client, CancellationToken.None);

        Assert.Equal(200, behindShell.StatusCode);
        Assert.Contains("data-root=\"/api/dashboard\" data-fetch-root=\"/api/dashboard-data\">", behindShell.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"forget-key\"", behindShell.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/dashboard/approvals\"", behindShell.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/api/dashboard-data", behindShell.Body, StringComparison.Ordinal);
        Assert.Contains("data-root=\"/dashboard\">", local.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-fetch-root=", local.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"forget-key\"", local.Body, StringComparison.Ordinal);
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInMemoryOrchestrationStore();
        services.AddDurableEngine(_ => { });
        services.AddBatonDashboard();
        return services.BuildServiceProvider();
    }
}
