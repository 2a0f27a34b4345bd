using System.Collections.Immutable;
using System.Net;
using System.Reflection;
using OrleansHall.Camera;
using OrleansHall.Clients.Cluster;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Gallery;
using OrleansHall.Grains.Security;
using OrleansHall.Hall;
using OrleansHall.History;
using OrleansHall.Identity;
using OrleansHall.Queue;
using OrleansHall.Security;
using OrleansHall.Staff;
using OrleansHall.Tests.Infrastructure;

namespace OrleansHall.Tests.Silo;

/// <summary>
/// Per-method authorisation on a silo built as in production with mutual TLS: each party connects the way hallctl and
/// the console do (certificate and signed caller token) and is allowed what <see cref="CallRules"/> says, and nothing
/// else; the table itself covers every method of every grain interface.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallAuthorizationTests(PostgresServer postgres)
{
    [Fact]
    public void Every_method_of_every_grain_interface_has_exactly_one_rule()
    {
        var interfaces = typeof(IHallGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && !typeof(IGrainObserver).IsAssignableFrom(t) && CallRules.Governs(t))
            .ToList();
        var methods = interfaces.SelectMany(i => i.GetMethods(BindingFlags.Public | BindingFlags.Instance).Select(m => (i, m.Name))).ToList();

        Assert.True(interfaces.Count >= 19, $"found only {interfaces.Count} grain interfaces");
        Assert.Equal(methods.Count, methods.Distinct().Count());
        Assert.Empty(methods.Where(m => CallRules.For(m.i, m.Name) is null).Select(m => $"{m.i.Name}.{m.Name}"));
        Assert.Empty(CallRules.All.Keys.Except(methods).Select(k => $"{k.Item1.Name}.{k.Item2}"));
    }

    [Fact]
    public async Task Each_party_may_call_what_the_table_allows_and_a_refusal_names_the_method_and_the_caller()
    {
        var pki = await TestPki.CreateAsync("silo-1",
            ("admin", "admin", null, null), ("console", "console", null, null),
            ("device", "kiosk-1", "auth-hall", "Kiosk"), ("device", "reader-1", "auth-hall", "IdCardReader"), ("device", "kiosk-9", "other-hall", "Kiosk"));
        var logs = new CapturedLogs();
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var silo = await InProcessSilo.StartAsync(connectionString, ClusterSettings.ClusterId, tls: TestPki.Files(pki, "silo-1"), logs: logs);
        var gateway = new IPEndPoint(IPAddress.Loopback, silo.Settings.GatewayPort);
        await using var admin = await ConnectAsync(gateway, TestPki.Files(pki, "admin"));
        await using var console = await ConnectAsync(gateway, TestPki.Files(pki, "console"));
        await using var kiosk = await ConnectAsync(gateway, TestPki.Files(pki, "auth-hall.kiosk-1"));
        await using var reader = await ConnectAsync(gateway, TestPki.Files(pki, "auth-hall.reader-1"));
        await using var foreignKiosk = await ConnectAsync(gateway, TestPki.Files(pki, "other-hall.kiosk-9"));
        foreach (var hall in new[] { "auth-hall", "other-hall" })
        {
            await admin.Grains.GetGrain<IHallGrain>(hall).ConfigureAsync(new HallConfig(hall, "auth-region", 30, ["C1"], ["entrance"], ["bill-payment"]));
        }

        // Allowed: a kiosk registers itself as what its certificate says and issues tickets in its hall; the queue then
        // reports to the hall, a silo-only method, which works because grains call it.
        await kiosk.Grains.GetDevice("auth-hall", "kiosk-1").RegisterAsync(DeviceKind.Kiosk);
        await kiosk.Grains.GetDevice("auth-hall", "kiosk-1").HeartbeatAsync();
        var ticket = await kiosk.Grains.GetGrain<IQueueGrain>("auth-hall").IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"));
        await Eventually.HoldsAsync(() => console.Grains.GetGrain<IHallGrain>("auth-hall").GetSnapshotAsync(), s => s.Queue.Waiting == 1, "the hall to see the kiosk's ticket");
        // The reader passes authorisation for a capture of its own (and is then refused by the grain: no such customer).
        await Assert.ThrowsAsync<UnknownEntityException>(() => reader.Grains.GetGrain<IIdentityDocumentGrain>("nobody")
            .CaptureAsync(new IdCapture("auth-hall", "reader-1", "王芳", "330203199001011236", [1], [1])));

        var refusals = new Dictionary<string, CallRefusedException>
        {
            ["kiosk enrols a face"] = await RefusedAsync(() => kiosk.Grains.GetGrain<IFaceGalleryGrain>("auth-region").EnrolAsync("cust-1", UnitTemplate(), "kiosk-1")),
            ["kiosk captures an ID"] = await RefusedAsync(() => kiosk.Grains.GetGrain<IIdentityDocumentGrain>("cust-1")
                .CaptureAsync(new IdCapture("auth-hall", "kiosk-1", "王芳", "330203199001011236", [1], [1]))),
            ["reader captures as another reader"] = await RefusedAsync(() => reader.Grains.GetGrain<IIdentityDocumentGrain>("cust-1")
                .CaptureAsync(new IdCapture("auth-hall", "reader-2", "王芳", "330203199001011236", [1], [1]))),
            ["kiosk calls another hall's queue"] = await RefusedAsync(() => kiosk.Grains.GetGrain<IQueueGrain>("other-hall").IssueTicketAsync(new TicketRequest(Guid.NewGuid(), "bill-payment"))),
            ["kiosk calls another device's grain"] = await RefusedAsync(() => kiosk.Grains.GetDevice("auth-hall", "reader-1").HeartbeatAsync()),
            ["kiosk registers as a reader"] = await RefusedAsync(() => kiosk.Grains.GetDevice("auth-hall", "kiosk-1").RegisterAsync(DeviceKind.IdCardReader)),
            ["kiosk of another hall reads this hall"] = await RefusedAsync(() => foreignKiosk.Grains.GetGrain<IHallGrain>("auth-hall").GetSnapshotAsync()),
            ["kiosk reconfigures its hall"] = await RefusedAsync(() => kiosk.Grains.GetGrain<IHallGrain>("auth-hall").ConfigureAsync(new HallConfig("x", "auth-region", 1, ["C1"], ["entrance"], ["bill-payment"]))),
            ["kiosk reads a customer"] = await RefusedAsync(() => kiosk.Grains.GetGrain<ICustomerGrain>("cust-1").GetProfileAsync()),
            ["kiosk erases a customer"] = await RefusedAsync(() => kiosk.Grains.GetGrain<ICustomerGrain>("cust-1").EraseAsync("kiosk-1")),
            ["kiosk pings"] = await RefusedAsync(() => kiosk.Grains.GetGrain<OrleansHall.Diagnostics.IPingGrain>(0).PingAsync(1)),
            ["console makes a staff member forget a customer"] = await RefusedAsync(() => console.Grains.GetGrain<IStaffGrain>("staff-1").ForgetCustomerAsync("cust-1")),
            ["admin makes a hall forget a customer"] = await RefusedAsync(() => admin.Grains.GetGrain<IHallGrain>("auth-hall").ForgetCustomerAsync("cust-1")),
            ["kiosk analyses faces"] = await RefusedAsync(() => kiosk.Grains.GetGrain<IVisionPool>(0).AnalyzeFacesAsync([1, 2, 3])),
            ["admin calls a silo-only report"] = await RefusedAsync(() => admin.Grains.GetGrain<IHallGrain>("auth-hall").QueueChangedAsync(QueueSummary.Empty with { Waiting = 99 })),
            ["admin searches the gallery"] = await RefusedAsync(() => admin.Grains.GetGrain<IFaceGalleryGrain>("auth-region").IdentifyAsync(UnitTemplate(), "cam-1")),
            ["console imports history"] = await RefusedAsync(() => console.Grains.GetGrain<IHallHistoryGrain>("auth-hall").ImportAsync(new HistoryBatch([], [], []))),
        };

        Assert.Equal(1, (await admin.Grains.GetGrain<IQueueGrain>("auth-hall").GetSummaryAsync()).Waiting);
        Assert.False(string.IsNullOrEmpty(ticket.Number));
        var enrol = refusals["kiosk enrols a face"].Message;
        Assert.Contains("IFaceGalleryGrain.EnrolAsync", enrol);
        Assert.Contains("device auth-hall/kiosk-1 (Kiosk)", enrol);
        Assert.Contains("answers only to silos", enrol);
        Assert.Contains("console", refusals["kiosk reconfigures its hall"].Message);
        Assert.Equal(0, await admin.Grains.GetGrain<IFaceGalleryGrain>("auth-region").CountAsync());
        Assert.Equal(refusals.Count, logs.Lines.Count(l => l.StartsWith("Refused ", StringComparison.Ordinal)));
    }

    private static async Task<ClusterConnection> ConnectAsync(IPEndPoint gateway, ClusterTlsFiles files)
        => await ClusterConnection.ConnectAsync(new ClusterSettings("", [gateway], files), TimeSpan.FromSeconds(30), _ => { }, CancellationToken.None);

    private static async Task<CallRefusedException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<CallRefusedException>(call);

    private static float[] UnitTemplate()
    {
        var template = new float[512];
        template[0] = 1f;
        return template;
    }
}
