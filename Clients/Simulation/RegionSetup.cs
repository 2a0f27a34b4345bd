using OrleansHall.Analytics.Demand;
using System.Collections.Immutable;
using OrleansHall.Clients.Agents;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Hall;
using OrleansHall.Queue;
using OrleansHall.Region;
using OrleansHall.Staff;

namespace OrleansHall.Clients.Simulation;

/// <summary>Opens a simulated region: halls, staff on duty, customers (some VIP or special-needs), devices and counters.</summary>
public sealed class RegionSetup(IGrainFactory grains, DeviceLink link, CancellationToken stopping)
{
    public const int CustomersPerHall = 24;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] GivenNames = ["芳", "伟", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞"];

    /// <summary>Opens one hall and everything in it; returns the customer ids registered there.</summary>
    public async Task<IReadOnlyList<string>> OpenHallAsync(HallPlan plan, string regionId, int hallIndex)
    {
        var config = ConfigFor(plan, regionId);
        await Retry(() => grains.GetGrain<IHallGrain>(plan.HallId).ConfigureAsync(config), $"opening hall {plan.HallId}");
        await Retry(() => grains.GetGrain<IRegionGrain>(regionId).AddHallAsync(plan.HallId), $"adding {plan.HallId} to region {regionId}");

        var staff = plan.Counters.Select((c, i) => (plan.ClerkId(c), StaffRole.CounterClerk, i))
            .Append((plan.GuideId, StaffRole.FloatingGuide, 100))
            .Append((plan.ManagerId, StaffRole.HallManager, 200));
        await Task.WhenAll(staff.Select(s => Retry(async () =>
        {
            var grain = grains.GetGrain<IStaffGrain>(s.Item1);
            await grain.RegisterAsync(PersonName(hallIndex * 7 + s.Item3), s.Item2, plan.HallId);
            await grain.SetOnDutyAsync(true);
        }, $"adding staff {s.Item1}")));

        var customers = Enumerable.Range(1, CustomersPerHall).Select(n => (Id: $"33020{hallIndex + 1:00}{n:0000}", n)).ToList();
        await Task.WhenAll(customers.Select(c => Retry(
            () => grains.GetGrain<ICustomerGrain>(c.Id).RegisterAsync(PersonName(hallIndex * 31 + c.n * 3), plan.HallId, Tags(c.n)),
            $"adding customer {c.Id}")));

        var devices = new[] { (HallPlan.Sensor, DeviceKind.InfraredSensor) }
            .Concat(HallPlan.Kiosks.Select(k => (k, DeviceKind.Kiosk)))
            .Append((HallPlan.IdReader, DeviceKind.IdCardReader))
            .Append((HallPlan.GuideScreen, DeviceKind.GuideScreen));
        await Task.WhenAll(devices.Select(d => link.RegisterAsync(plan.HallId, d.Item1, d.Item2, stopping)));

        var placement = grains.GetGrain<OrleansHall.Placement.IHallPlacementGrain>(plan.HallId);
        if ((await placement.GetDisplaysAsync()).IsEmpty)
        {
            await Retry(() => placement.ConfigureDisplaysAsync(DisplayHistory.Displays, "simulator"), $"placing displays in {plan.HallId}");
        }

        var queue = grains.GetGrain<IQueueGrain>(plan.HallId);
        foreach (var counter in plan.Counters)
        {
            await Retry(() => queue.OpenCounterAsync(counter, plan.ClerkId(counter)), $"opening counter {counter}");
        }

        return customers.Select(c => c.Id).ToList();
    }

    public static HallConfig ConfigFor(HallPlan plan, string regionId)
        => new(plan.Name, regionId, plan.Capacity, plan.Counters, HallPlan.Zones, [.. BusinessTypes.All]);

    /// <summary>Every tenth customer is a VIP, every tenth (offset) has special needs.</summary>
    public static ImmutableSortedSet<string> Tags(int customerNumber) => (customerNumber % 10) switch
    {
        1 => [CustomerTags.Vip],
        6 => [CustomerTags.SpecialNeeds],
        _ => [],
    };

    private static string PersonName(int seed) =>
        Surnames[seed % Surnames.Length] + GivenNames[seed / Surnames.Length % GivenNames.Length];

    private Task Retry(Func<Task> call, string what) => link.RetryTransientAsync(call, what, stopping);
}
