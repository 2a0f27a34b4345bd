using OrleansHall.Alerts;
using OrleansHall.History;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Faults;
using OrleansHall.Hall;
using OrleansHall.Queue;
using OrleansHall.Region;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Hall;

public sealed class HallGrain(
    [PersistentState("hall", StorageNames.Grains)] IPersistentState<HallState> state,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock,
    FaultReporter reporter,
    ILogger<HallGrain> logger) : Grain, IHallGrain
{
    /// <summary>Live snapshots go out at most this often, however busy the hall is.</summary>
    public static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(500);

    private const int MaxPeoplePerReading = 500;

    private readonly ObserverManager<IHallObserver> _observers = new(TimeSpan.FromMinutes(5), logger);
    private readonly Dictionary<string, StaffRole> _roles = [];
    private bool _changed = true;
    private bool _unsaved;

    private static readonly TimeSpan RegionMoveRetry = TimeSpan.FromSeconds(30);
    private DateTimeOffset _nextRegionMoveAttempt;

    private HallState S => state.State;

    private string HallId => this.GetPrimaryKeyString();

    private TimeZoneInfo Zone => clock.LocalTimeZone;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(PublishAsync, PublishInterval, PublishInterval);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_unsaved)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error))
        {
            // Only the hall's own grains' latest reports were unsaved; they send them again when they change.
            reporter.Failed($"hall {HallId} deactivation", error);
        }
    }

    public async Task ConfigureAsync(HallConfig config)
    {
        Keys.ValidateHallId(HallId);
        HallConfigRules.Validate(config);
        var regionChanged = S.Config?.RegionId != config.RegionId;
        // Leaving a region is owed with the new configuration in one save, so a crash half-way is finished later.
        var left = (S.Config is { } old && regionChanged ? S.RegionsLeft.Add(old.RegionId) : S.RegionsLeft).Remove(config.RegionId);
        await state.SaveAsync(RollOver(S) with { Config = config, RegionsLeft = left }, this);
        await GrainFactory.GetGrain<IHallHistoryGrain>(HallId).EnsureScheduledAsync();
        if (regionChanged)
        {
            await GrainFactory.GetGrain<IRegionDirectoryGrain>(0).AddRegionAsync(config.RegionId);
            await GrainFactory.GetGrain<IRegionGrain>(config.RegionId).AddHallAsync(HallId);
        }

        try
        {
            await LeaveRegionsAsync();
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error))
        {
            // The new configuration is durable and the move is owed in it: the publish tick finishes it.
            reporter.Failed($"hall {HallId} region move", error);
        }

        _changed = true;
    }

    /// <summary>
    /// Finishes a move to another region: the old regions stop listing the hall and their galleries drop the
    /// templates of the hall's customers (a template is held only in the region of the customer's home hall).
    /// </summary>
    private async Task LeaveRegionsAsync()
    {
        if (S.RegionsLeft.IsEmpty)
        {
            return;
        }

        var region = RequireConfig().RegionId;
        foreach (var customerId in await GrainFactory.GetGrain<ICustomerDirectoryGrain>(HallId).GetAsync())
        {
            await GrainFactory.GetGrain<ICustomerGrain>(customerId).HomeHallMovedAsync(HallId, region);
        }

        foreach (var old in S.RegionsLeft)
        {
            await GrainFactory.GetGrain<IRegionGrain>(old).RemoveHallAsync(HallId);
        }

        await state.SaveAsync(S with { RegionsLeft = [] }, this);
    }

    public Task<HallConfig> GetConfigAsync() => Task.FromResult(RequireConfig());

    public Task<bool> ExistsAsync() => Task.FromResult(S.Config is not null);

    public async Task RecordPassageAsync(string deviceId, Passage passage)
    {
        RequireConfig();
        var now = clock.GetUtcNow();
        if (passage.Entries < 0 || passage.Exits < 0 || passage.Entries + passage.Exits == 0
            || passage.Entries > MaxPeoplePerReading || passage.Exits > MaxPeoplePerReading)
        {
            throw new RejectedRequestException(
                $"Passage from '{deviceId}' has entries={passage.Entries}, exits={passage.Exits}: expected 0..{MaxPeoplePerReading} each and not both 0.");
        }

        if (passage.At > now + TimeSpan.FromMinutes(5))
        {
            throw new RejectedRequestException(
                $"Passage from '{deviceId}' is dated {passage.At:O}, in the future (hall clock {now:O}).");
        }

        if (S.Journal.Contains(passage.EventId))
        {
            // Applied before; make sure it reached the log too (a no-op when it did).
            await state.FlushAsync(eventLog);
            return;
        }

        var current = RollOver(S);
        var today = LocalDay.Of(passage.At, Zone) == current.Day;
        var next = current with
        {
            // A late reading from an earlier day still goes to the log, but not into today's counters.
            Occupancy = today ? Math.Max(0, current.Occupancy + passage.Entries - passage.Exits) : current.Occupancy,
            EntriesToday = current.EntriesToday + (today ? passage.Entries : 0),
            ExitsToday = current.ExitsToday + (today ? passage.Exits : 0),
            Flow = today ? FlowCounter.Add(current.Flow, passage.At, Zone, passage.Entries, passage.Exits) : current.Flow,
        };
        await state.ApplyAsync(next, EventFactory.Create(passage.EventId, HallId, EventKinds.Passage, deviceId, passage.At,
            new PassagePayload(passage.Entries, passage.Exits)), eventLog, this);
        _unsaved = false;
        _changed = true;
    }

    public Task<HallSnapshot> GetSnapshotAsync() => Task.FromResult(BuildSnapshot());

    public Task<ImmutableArray<FlowBucket>> GetTodayFlowAsync()
        => Task.FromResult(FlowCounter.Continuous(RollOver(S).Flow, clock.GetUtcNow(), Zone));

    public Task SubscribeAsync(IHallObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IHallObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task QueueChangedAsync(QueueSummary queue) => Update(s => s with { Queue = queue });

    public Task DeviceChangedAsync(DeviceStatus device)
        => Update(s => s with { Devices = s.Devices.SetItem(device.DeviceId, device) });

    public Task CameraChangedAsync(CameraStatus camera)
        => Update(s => s with { Cameras = s.Cameras.SetItem(camera.CameraId, camera) });

    public Task RecordVisionAsync(VisionReport report) => Update(s => VisionTally.Add(RollOver(s), report));

    public Task CardSentAsync(StrategyCard card)
        => Update(s =>
        {
            var today = RollOver(s);
            return today with { Cards = [.. today.Cards.Insert(0, card).Take(VisionTally.CardsKept)] };
        });

    public Task StaffDutyChangedAsync(string staffId, bool onDuty)
    {
        // The role may have changed too: asked again at the next notice.
        _roles.Remove(staffId);
        return Update(s => s with { StaffOnDuty = onDuty ? s.StaffOnDuty.Add(staffId) : s.StaffOnDuty.Remove(staffId) });
    }

    public async Task NotifyStaffAsync(StaffNotice notice)
    {
        foreach (var staffId in S.StaffOnDuty)
        {
            if (!_roles.TryGetValue(staffId, out var role))
            {
                // Interleaves at the staff grain, so this never waits on someone reporting to this hall.
                role = _roles[staffId] = (await GrainFactory.GetGrain<IStaffGrain>(staffId).GetProfileAsync()).Role;
            }

            if (notice.IsFor(staffId, role))
            {
                await GrainFactory.GetGrain<IStaffGrain>(staffId).PushAsync(notice.Push);
                if (notice.Push.CustomerId is not null && !S.StaffWithCards.Contains(staffId))
                {
                    await RememberCardHolderAsync(staffId);
                }
            }
        }
    }

    /// <summary>Saved at once, not with the next publish: an erasure must find every handheld a card went to.</summary>
    private async Task RememberCardHolderAsync(string staffId)
    {
        try
        {
            await state.SaveAsync(S with { StaffWithCards = S.StaffWithCards.Add(staffId) }, this);
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error))
        {
            // Kept in memory and saved with the next publish.
            state.State = S with { StaffWithCards = S.StaffWithCards.Add(staffId) };
            _changed = true;
            reporter.Failed($"hall {HallId} card holders", error);
        }
    }

    public async Task<ImmutableSortedSet<string>> ForgetCustomerAsync(string customerId)
    {
        Keys.Validate(customerId, "customer id");
        await GrainFactory.GetGrain<IVisitorLedgerGrain>(HallId).ForgetAsync(customerId);
        if (S.Cards.Any(c => c.CustomerId == customerId))
        {
            // Saved now, not with the next publish: an erasure is not done while a card of the customer is still stored.
            await state.SaveAsync(S with { Cards = [.. S.Cards.Where(c => c.CustomerId != customerId)] }, this);
            _changed = true;
        }

        return S.StaffWithCards.Union(S.StaffOnDuty);
    }

    /// <summary>
    /// Reports from the hall's own grains are re-sent whenever they change, so they are saved with the next
    /// publish rather than on every call.
    /// </summary>
    private Task Update(Func<HallState, HallState> change)
    {
        RequireConfig();
        state.State = change(S);
        _changed = true;
        _unsaved = true;
        return Task.CompletedTask;
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (S.Config is null)
        {
            return;
        }

        var rolled = RollOver(S);
        if (rolled.Day != S.Day)
        {
            state.State = rolled;
            _changed = _unsaved = true;
        }

        await ObserveAlertsAsync();

        try
        {
            if (!S.RegionsLeft.IsEmpty && clock.GetUtcNow() >= _nextRegionMoveAttempt)
            {
                // A move to another region was cut short (a store was down, the silo stopped): finish it.
                _nextRegionMoveAttempt = clock.GetUtcNow() + RegionMoveRetry;
                await LeaveRegionsAsync();
            }

            if (_unsaved)
            {
                await state.WriteStateAsync(cancellationToken);
                _unsaved = false;
            }

            await state.FlushAsync(eventLog);
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error))
        {
            // Storage is down: keep the changes in memory and try again on the next tick; the snapshot still goes out.
            reporter.Failed($"hall {HallId} publish", error);
        }

        if (!_changed)
        {
            return;
        }

        _changed = false;
        var snapshot = BuildSnapshot();
        await _observers.Notify(o => o.OnSnapshotAsync(snapshot));
        await GrainFactory.GetGrain<IRegionGrain>(S.Config.RegionId).HallUpdatedAsync(snapshot);
    }

    /// <summary>
    /// Hands the hall's measures to its alert book; the open alerts it returns go into the snapshot, and the staff on
    /// duty hear of each alert it raised.
    /// </summary>
    private async Task ObserveAlertsAsync()
    {
        var config = RequireConfig();
        var now = clock.GetUtcNow();
        var slot = FlowCounter.Add([], now, Zone, 0, 0)[0].Start;
        var counters = S.Queue.Counters.ToDictionary(c => c.Counter, StringComparer.Ordinal);
        var measures = new AlertMeasures(
            now,
            S.Occupancy,
            S.Queue.Waiting,
            S.Queue.LongestWaitMinutes,
            S.Queue.LongestVipWaitMinutes,
            [.. S.Devices.Values.Where(d => !d.Online).Select(d => d.DeviceId).Order(StringComparer.Ordinal)],
            [.. config.Counters.Where(c => !counters.TryGetValue(c, out var status) || !status.Open || status.StaffId is null)],
            S.Flow.FirstOrDefault(b => b.Start == slot)?.Entries ?? 0,
            [.. S.Devices.Values.Where(d => d.OpenFault is not null).OrderBy(d => d.DeviceId, StringComparer.Ordinal).Select(d => $"{d.DeviceId} ({d.OpenFault})")],
            [.. S.Devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal).SelectMany(d => d.LowConsumables.Select(c => $"{d.DeviceId} {c} {d.Consumables![c]:P0}"))],
            S.LongestStays.Where(z => z.Key.EndsWith("|" + AlertKinds.SelfServiceZone, StringComparison.Ordinal)).Select(z => z.Value).DefaultIfEmpty(0).Max());
        try
        {
            var (open, notices) = await GrainFactory.GetGrain<IAlertBookGrain>(HallId).ObserveAsync(measures, config);
            if (!open.SequenceEqual(S.Alerts))
            {
                // Kept in memory for the snapshot only: the alert book holds them durably.
                state.State = S with { Alerts = open };
                _changed = true;
            }

            foreach (var notice in notices)
            {
                await NotifyStaffAsync(notice);
            }
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error) || error is TransientFaultException)
        {
            // The book could not save a raise: it raises again on a later tick; the snapshot keeps what it showed.
            reporter.Failed($"hall {HallId} alerts", error);
        }
    }

    public Task AlertsChangedAsync(ImmutableArray<HallAlert> open)
    {
        if (S.Config is not null && !open.SequenceEqual(S.Alerts))
        {
            state.State = S with { Alerts = open };
            _changed = true;
        }

        return Task.CompletedTask;
    }

    private HallSnapshot BuildSnapshot()
    {
        var config = RequireConfig();
        var s = RollOver(S);
        return new HallSnapshot(
            HallId,
            config.Name,
            config.RegionId,
            clock.GetUtcNow(),
            s.Occupancy,
            config.Capacity,
            s.EntriesToday,
            s.ExitsToday,
            s.Queue,
            [.. s.Devices.Values.OrderBy(d => d.DeviceId)],
            [.. s.Cameras.Values.OrderBy(c => c.CameraId)],
            [.. s.StaffOnDuty],
            s.Alerts,
            VisionTally.Summarize(s, config));
    }

    /// <summary>At the first moment of a new local day the daily counters start again and the hall is empty.</summary>
    private HallState RollOver(HallState s)
    {
        var today = LocalDay.Today(clock);
        return s.Day == today
            ? s
            : s with
            {
                Day = today, Occupancy = 0, EntriesToday = 0, ExitsToday = 0, Flow = [],
                Demographics = ImmutableDictionary<string, int>.Empty, ZoneSeconds = ImmutableDictionary<string, double>.Empty,
                ZonePeopleNow = ImmutableDictionary<string, int>.Empty, Heat = [], Recognitions = [], Cards = [], CameraEntriesToday = 0, CameraExitsToday = 0,
                Transitions = ImmutableDictionary<string, int>.Empty, Backtracks = 0, Travellers = 0, LongestStays = ImmutableDictionary<string, double>.Empty,
            };
    }

    private HallConfig RequireConfig() => S.Config ?? throw new UnknownEntityException("hall", HallId);
}
