using System.Diagnostics;
using System.Text.Json;
using OrleansHall.Alerts;
using OrleansHall.Clients.Simulation;
using OrleansHall.Forecast;
using OrleansHall.Hall;
using OrleansHall.History;
using OrleansHall.Staff;
using OrleansHall.Staffing;
using OrleansHall.Tests.Infrastructure;
using OrleansHall.Tests.Silo;

namespace OrleansHall.Tests.EndToEnd;

/// <summary>
/// Real processes: a silo, `hallctl sensor` counting people over a hall's capacity, and `hallctl handheld` for the
/// floating guide. The alert must reach the handheld; after the alert is acknowledged the silo is killed and a new one
/// started, and the alert book (with who acknowledged), the forecast, the rollups and the staffing plan must all be
/// read back as they were.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HallIntelligenceRestartTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string HallId = "e2e-intel";

    [Fact]
    public async Task An_alert_reaches_a_hallctl_handheld_and_alerts_forecast_rollups_and_staffing_survive_a_silo_kill()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = PostgresServer.FreePorts(3);
        var silo = SiloCrashDurabilityTests.StartSilo(connectionString, ports);
        ChildProcess? handheld = null;
        try
        {
            await SiloCrashDurabilityTests.WaitHealthyAsync(silo, ports[2]);
            DayForecast forecast;
            int slots;
            Guid alertId;
            var today = DateOnly.FromDateTime(DateTime.Now);
            await using (var cluster = await ClusterClient.ConnectAsync(connectionString, "orleanshall"))
            {
                var plan = new HallPlan(HallId, "E2E hall", ["C1", "C2", "C3"], PeakPerHour: 22, Capacity: 3);
                await cluster.Client.GetGrain<IHallGrain>(HallId).ConfigureAsync(RegionSetup.ConfigFor(plan, "e2e"));
                var guide = cluster.Client.GetGrain<IStaffGrain>("e2e-guide");
                await guide.RegisterAsync("Guide", StaffRole.FloatingGuide, HallId);
                await guide.SetOnDutyAsync(true);
                await new HistoryBackfill(cluster.Client, TimeZoneInfo.Local).RunAsync([plan], today.AddDays(-21), today.AddDays(-1), (_, _, _) => { }, CancellationToken.None);

                handheld = new ChildProcess("dotnet", [SiloCrashDurabilityTests.HallCtlPath(), "handheld", "--hall", HallId, "--staff", "e2e-guide", "--json", "--no-history", "--db", connectionString]);
                await Eventually.HoldsAsync(() => Task.FromResult(handheld.Output), o => o.Contains("listening"), "the handheld to subscribe", seconds: 60);
                var sensor = new ChildProcess("dotnet", [SiloCrashDurabilityTests.HallCtlPath(), "sensor", "--hall", HallId, "--device", "ir-door", "--once", "--in", "5", "--db", connectionString]);
                await using (sensor)
                {
                    Assert.Equal(0, await sensor.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                }

                var acknowledged = Stopwatch.StartNew();
                var line = await Eventually.HoldsAsync(() => Task.FromResult(AlertLine(handheld.Output)), l => l is not null, "the alert on the handheld", seconds: 30);
                output.WriteLine($"alert line on the handheld {acknowledged.ElapsedMilliseconds} ms after `hallctl sensor` exited: {line}");
                using var push = JsonDocument.Parse(line!);
                alertId = push.RootElement.GetProperty("alertId").GetGuid();
                await cluster.Client.GetGrain<IAlertBookGrain>(HallId).AcknowledgeAsync(alertId, "tester");

                // O&M from the command line: a fault and its repair.
                await cluster.Client.GetGrain<OrleansHall.Device.IDeviceGrain>($"{HallId}/kiosk-1").RegisterAsync(OrleansHall.Device.DeviceKind.Kiosk);
                foreach (var (verb, extra) in new[] { ("fault", new[] { "--code", "PAPER-JAM" }), ("repair", new[] { "--by", "tech-1" }) })
                {
                    await using var device = new ChildProcess("dotnet", [SiloCrashDurabilityTests.HallCtlPath(), "device", verb, "--hall", HallId, "--device", "kiosk-1", .. extra, "--db", connectionString]);
                    Assert.True(await device.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, device.Output);
                    Assert.Contains(verb == "fault" ? "open fault PAPER-JAM" : "repairs 1", device.Output);
                }

                forecast = await cluster.Client.GetGrain<IHallForecastGrain>(HallId).GetDayAsync(today, ForecastMetric.Tickets);
                slots = (await cluster.Client.GetGrain<IHallHistoryGrain>(HallId).GetSlotsAsync(Midnight(today.AddDays(-21)), Midnight(today))).Length;
                Assert.Equal(96, forecast.Points.Length);
            }

            await silo.KillAsync();
            await silo.DisposeAsync();
            silo = SiloCrashDurabilityTests.StartSilo(connectionString, ports);
            await SiloCrashDurabilityTests.WaitHealthyAsync(silo, ports[2]);
            await using (var cluster = await ClusterClient.ConnectAsync(connectionString, "orleanshall"))
            {
                var alert = Assert.Single(await cluster.Client.GetGrain<IAlertBookGrain>(HallId).GetAlertsAsync(), a => a.Id == alertId);
                Assert.Equal((AlertStatus.Acknowledged, "tester", AlertKinds.Crowded), (alert.Status, alert.AcknowledgedBy, alert.Kind));
                var again = await cluster.Client.GetGrain<IHallForecastGrain>(HallId).GetDayAsync(today, ForecastMetric.Tickets);
                Assert.Equal(forecast.FittedAt, again.FittedAt);
                Assert.True(forecast.Points.SequenceEqual(again.Points), "the forecast read back differs");
                Assert.Equal(slots, (await cluster.Client.GetGrain<IHallHistoryGrain>(HallId).GetSlotsAsync(Midnight(today.AddDays(-21)), Midnight(today))).Length);
                var staffing = await cluster.Client.GetGrain<IHallStaffingGrain>(HallId).PlanAsync(today);
                Assert.Equal(36, staffing.Slots.Length);
            }
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}\n--- handheld ---\n{handheld?.Output}\n--- silo ---\n{silo.Output}");
        }
        finally
        {
            if (handheld is not null)
            {
                await handheld.DisposeAsync();
            }

            await silo.DisposeAsync();
        }
    }

    private static string? AlertLine(string output)
        => output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('{') && l.Contains("\"kind\":\"alert\"", StringComparison.Ordinal));

    private static DateTimeOffset Midnight(DateOnly day) => OrleansHall.Grains.Forecast.HallSeries.Midnight(day, TimeZoneInfo.Local);
}
