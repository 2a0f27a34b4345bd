using OrleansHall.Common;
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
/// Real processes: a silo, `hallctl simulate` running a hall whose crowded threshold its arrivals cross, and
/// `hallctl handheld` for the floating guide. The alert must reach the handheld; after the alert is acknowledged the silo is killed and a new one
/// started, and the alert book (with who acknowledged), the forecast, the rollups and the staffing plan must all be
/// read back as they were.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HallIntelligenceRestartTests(PostgresServer postgres, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string HallId = "zhenhai";

    [Fact]
    public async Task An_alert_reaches_a_hallctl_handheld_and_alerts_forecast_rollups_and_staffing_survive_a_silo_kill()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var ports = FreePorts.Take(3);
        var silo = SiloProcess.Start(connectionString, ports);
        ChildProcess? handheld = null;
        try
        {
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
            DayForecast forecast;
            int slots;
            Guid alertId;
            var today = DateOnly.FromDateTime(DateTime.Now);
            await using (var cluster = await ClusterClient.ConnectAsync(connectionString, "orleanshall"))
            {
                // The simulator's first hall, with its crowded alert tightened to 3 people so the simulated arrivals cross it.
                var plan = HallPlan.Region(1)[0];
                await cluster.Client.GetGrain<IHallGrain>(HallId).ConfigureAsync(RegionSetup.ConfigFor(plan, "ningbo"));
                var guide = cluster.Client.GetGrain<IStaffGrain>(plan.GuideId);
                await guide.RegisterAsync("Guide", StaffRole.FloatingGuide, HallId);
                await guide.SetOnDutyAsync(true);
                var book = cluster.Client.GetGrain<IAlertBookGrain>(HallId);
                var settings = await book.GetSettingsAsync();
                await book.ConfigureAsync(new AlertSettings([.. settings.Rules.Select(r => r.Kind == AlertKinds.Crowded ? r with { Threshold = 3 } : r)]), "tester");
                await new HistoryBackfill(cluster.Client, TimeZoneInfo.Local).RunAsync([plan], today.AddDays(-21), today.AddDays(-1), (_, _, _) => { }, CancellationToken.None);

                handheld = new ChildProcess("dotnet", [Repository.HallCtl, "handheld", "--hall", HallId, "--staff", plan.GuideId, "--json", "--no-history", "--db", connectionString]);
                await Eventually.HoldsAsync(() => Task.FromResult(handheld.Output), o => o.Contains("listening"), "the handheld to subscribe", seconds: 60);
                // A Monday morning at 60x pace: people arrive, wait and leave; the arrivals alone fill the hall past 3.
                await using (var simulator = new ChildProcess("dotnet", [Repository.HallCtl, "simulate", "--halls", "1", "--no-cameras", "--speed", "60", "--start", "2026-11-30T09:30", "--duration", "120", "--db", connectionString]))
                {
                    var seen = await Eventually.HoldsAsync(() => Task.FromResult(handheld.FirstLine(IsCrowdedAlert)), l => l is not null, "the simulator's crowded alert on the handheld", seconds: 90);
                    using var push = JsonDocument.Parse(seen!.Value.Line);
                    alertId = push.RootElement.GetProperty("alertId").GetGuid();
                    var raisedAt = push.RootElement.GetProperty("at").GetDateTimeOffset();
                    output.WriteLine($"the simulator's crowded alert reached `hallctl handheld` {(seen.Value.At - raisedAt).TotalMilliseconds:F0} ms after it was raised: {seen.Value.Line}");
                    Assert.Contains(await book.GetAlertsAsync(), a => a.Id == alertId && a.Kind == AlertKinds.Crowded);
                }

                await book.AcknowledgeAsync(alertId, "tester");

                // O&M from the command line: a fault and its repair.
                await cluster.Client.GetDevice(HallId, "kiosk-1").RegisterAsync(OrleansHall.Device.DeviceKind.Kiosk);
                var hallctl = new HallCtlRuns(connectionString);
                foreach (var (verb, extra) in new[] { ("fault", new[] { "--code", "PAPER-JAM" }), ("repair", new[] { "--by", "tech-1" }) })
                {
                    var printed = await hallctl.RunAsync(0, ["device", verb, "--hall", HallId, "--device", "kiosk-1", .. extra]);
                    Assert.Contains(verb == "fault" ? "open fault PAPER-JAM" : "repairs 1", printed);
                }

                forecast = await cluster.Client.GetGrain<IHallForecastGrain>(HallId).GetDayAsync(today, ForecastMetric.Tickets);
                slots = (await cluster.Client.GetGrain<IHallHistoryGrain>(HallId).GetSlotsAsync(Midnight(today.AddDays(-21)), Midnight(today))).Length;
                Assert.Equal(96, forecast.Points.Length);
            }

            await silo.KillAsync();
            await silo.DisposeAsync();
            silo = SiloProcess.Start(connectionString, ports);
            await SiloProcess.WaitHealthyAsync(silo, ports[2]);
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

    private static bool IsCrowdedAlert(string line)
        => line.TrimStart().StartsWith('{') && line.Contains("\"kind\":\"alert\"", StringComparison.Ordinal) && line.Contains("Occupancy", StringComparison.Ordinal);

    private static DateTimeOffset Midnight(DateOnly day) => OrleansHall.Grains.Forecast.HallSeries.Midnight(day, TimeZoneInfo.Local);
}
