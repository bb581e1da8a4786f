namespace Baton.Http.Tests.Management;

public sealed class ManagementUrlsTests
{
    [Fact]
    public void CreatePayload_KeysOff_UrlsFollowTheDurableShapesWithoutCode()
    {
        var payload = ManagementUrls.CreatePayload(new RequestOrigin(new Uri("http://localhost:7071/")), "abc 1");

        const string Instance = "http://localhost:7071/runtime/webhooks/durabletask/instances/abc%201";
        Assert.Equal("abc 1", payload.Id);
        Assert.Equal(Instance, payload.StatusQueryGetUri);
        Assert.EndsWith("/raiseEvent/{eventName}", payload.SendEventPostUri, StringComparison.Ordinal);
        Assert.Equal(Instance + "/terminate?reason={text}", payload.TerminatePostUri);
        Assert.Equal(Instance + "/suspend?reason={text}", payload.SuspendPostUri);
        Assert.Equal(Instance + "/resume?reason={text}", payload.ResumePostUri);
        Assert.Equal(Instance, payload.PurgeHistoryDeleteUri);
    }

    [Fact]
    public void CreatePayload_KeysOn_EveryUrlCarriesTheCode()
    {
        var payload = ManagementUrls.CreatePayload(new RequestOrigin(new Uri("https://baton.example.com/base"), "k+y"), "id");

        foreach (var url in new[] { payload.StatusQueryGetUri, payload.SendEventPostUri, payload.TerminatePostUri, payload.SuspendPostUri, payload.ResumePostUri, payload.PurgeHistoryDeleteUri })
        {
            Assert.StartsWith("https://baton.example.com/base/runtime/webhooks/durabletask/instances/id", url, StringComparison.Ordinal);
            Assert.Contains("code=k%2By", url, StringComparison.Ordinal);
        }

        Assert.Contains("/raiseEvent/{eventName}?code=", payload.SendEventPostUri, StringComparison.Ordinal);
    }
}
