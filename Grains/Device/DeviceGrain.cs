using OrleansHall.Customer;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Common;
using OrleansHall.Device;
using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Hall;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Device;

/// <summary>
/// A hall device. Heartbeats are kept in memory and saved at most once a minute; a timer notices missed
/// heartbeats while the grain is active, and a reminder reactivates it after a restart so a device that
/// died with the silo is still reported offline.
/// </summary>
public sealed class DeviceGrain(
    [PersistentState("device", StorageNames.Grains)] IPersistentState<DeviceState> state,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock,
    FaultReporter reporter) : Grain, IDeviceGrain, IRemindable
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SaveHeartbeatEvery = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _lastHeartbeat;
    private bool? _reportedOnline;

    private (string HallId, string DeviceId) Key => Keys.Split(this.GetPrimaryKeyString());

    private IHallGrain Hall => GrainFactory.GetGrain<IHallGrain>(Key.HallId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastHeartbeat = state.State.LastHeartbeat;
        this.RegisterGrainTimer(CheckOnlineAsync, CheckEvery, CheckEvery);
        return Task.CompletedTask;
    }

    public async Task RegisterAsync(DeviceKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new RejectedRequestException($"Unknown device kind {kind}: expected one of {string.Join(", ", Enum.GetNames<DeviceKind>())}.");
        }

        var (hallId, deviceId) = Key;
        Keys.Validate(deviceId, "device id");
        if (!await Hall.ExistsAsync())
        {
            throw new UnknownEntityException("hall", hallId);
        }

        var now = clock.GetUtcNow();
        await state.SaveAsync(Today() with { Kind = kind, LastHeartbeat = now }, this);
        _lastHeartbeat = now;
        await this.RegisterOrUpdateReminder("offline-check", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await ReportAsync();
    }

    public async Task HeartbeatAsync()
    {
        RequireKind();
        await BeatAsync();
    }

    public async Task RecordUsageAsync(DeviceUsage usage)
    {
        RequireKind();
        if (string.IsNullOrWhiteSpace(usage.BusinessType) || usage.BusinessType.Length > 64)
        {
            throw new RejectedRequestException($"Usage on '{Key.DeviceId}' needs a business type of 1-64 characters, got '{usage.BusinessType}'.");
        }

        var customer = usage.CustomerId is { } customerId ? GrainFactory.GetGrain<ICustomerGrain>(customerId) : null;
        if (customer is not null)
        {
            Keys.Validate(usage.CustomerId!, "customer id");
            if (!await customer.ExistsAsync())
            {
                throw new UnknownEntityException("customer", usage.CustomerId!);
            }
        }

        if (state.State.Journal.Contains(usage.EventId))
        {
            await state.FlushAsync(eventLog);
        }
        else
        {
            var today = Today();
            // A reading of an earlier day (delivered late from a kiosk's outbox) is in the log, not in today's count.
            var ofToday = LocalDay.Of(usage.At, clock.LocalTimeZone) == today.Day;
            await state.ApplyAsync(today with { UsesToday = today.UsesToday + (ofToday ? 1 : 0) },
                EventFactory.Create(usage.EventId, Key.HallId, EventKinds.DeviceUsage, Key.DeviceId, usage.At, new DeviceUsagePayload(usage.BusinessType, usage.Succeeded, state.State.Kind?.ToString())),
                eventLog, this);
        }

        if (customer is not null && usage.Succeeded && state.State.Kind == DeviceKind.Kiosk)
        {
            // Also on a re-sent reading: the visit carries the usage's id, so it is recorded once.
            await customer.RecordVisitAsync(new Visit(Key.HallId, usage.At, usage.BusinessType, VisitKind.Kiosk, EventId: usage.EventId));
        }

        await BeatAsync(forceReport: true);
    }

    public async Task RecordPassageAsync(Passage passage)
    {
        if (RequireKind() != DeviceKind.InfraredSensor)
        {
            throw new RejectedRequestException($"Device '{Key.DeviceId}' is a {state.State.Kind}, not an infrared sensor: it cannot count passages.");
        }

        await Hall.RecordPassageAsync(Key.DeviceId, passage);
        await BeatAsync();
    }

    public async Task ReportFaultAsync(DeviceFault fault)
    {
        RequireKind();
        if (string.IsNullOrWhiteSpace(fault.Code) || fault.Code.Length > 64 || (fault.Message?.Length ?? 0) > MaxFaultText)
        {
            throw new RejectedRequestException(
                $"A fault report from '{Key.DeviceId}' needs a fault code of 1-64 characters and a message of at most {MaxFaultText}, got {fault.Code?.Length ?? 0} and {fault.Message?.Length ?? 0}.");
        }

        if (state.State.Journal.Contains(fault.EventId))
        {
            await state.FlushAsync(eventLog);
        }
        else
        {
            var today = Today();
            var text = Truncate($"{fault.Code}: {fault.Message}");
            var next = today with
            {
                FaultsToday = today.FaultsToday + 1,
                LastFault = text,
                OpenFault = text,
                OpenFaultSince = today.OpenFaultSince ?? fault.At,
            };
            await state.ApplyAsync(next,
                EventFactory.Create(fault.EventId, Key.HallId, "device-fault", Key.DeviceId, fault.At, new { fault.Code, fault.Message }),
                eventLog, this);
        }

        await BeatAsync(forceReport: true);
    }

    public async Task ReportRepairAsync(DeviceRepair repair)
    {
        RequireKind();
        Keys.Validate(repair.By, "repaired by");
        if (state.State.Journal.Contains(repair.EventId))
        {
            await state.FlushAsync(eventLog);
            return;
        }

        var today = Today();
        if (today.OpenFaultSince is not { } since)
        {
            throw new RejectedRequestException($"Device '{Key.DeviceId}' has no open fault to repair.");
        }

        var minutes = Math.Max(0, (repair.At - since).TotalMinutes);
        await state.ApplyAsync(today with
        {
            OpenFault = null,
            OpenFaultSince = null,
            RepairsToday = today.RepairsToday + 1,
            RepairMinutesToday = today.RepairMinutesToday + minutes,
        }, EventFactory.Create(repair.EventId, Key.HallId, "device-repaired", Key.DeviceId, repair.At,
            new { Fault = today.OpenFault, repair.By, Minutes = Math.Round(minutes, 2) }), eventLog, this);
        await BeatAsync(forceReport: true);
    }

    public async Task ReportConsumableAsync(ConsumableLevel level)
    {
        RequireKind();
        Keys.Validate(level.Item, "consumable");
        if (!(level.Level is >= 0 and <= 1))
        {
            throw new RejectedRequestException($"Consumable '{level.Item}' of '{Key.DeviceId}': level {level.Level} must be from 0 (empty) to 1 (full).");
        }

        if (state.State.Journal.Contains(level.EventId))
        {
            await state.FlushAsync(eventLog);
            return;
        }

        await state.ApplyAsync(Today() with { Consumables = state.State.Consumables.SetItem(level.Item, Math.Round(level.Level, 3)) },
            EventFactory.Create(level.EventId, Key.HallId, "device-consumable", Key.DeviceId, level.At, new { level.Item, level.Level }), eventLog, this);
        await BeatAsync(forceReport: true);
    }

    public Task<DeviceStatus> GetStatusAsync()
    {
        RequireKind();
        return Task.FromResult(Status());
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckOnlineAsync(CancellationToken.None);

    private async Task BeatAsync(bool forceReport = false)
    {
        var now = clock.GetUtcNow();
        var saved = state.State.LastHeartbeat;
        _lastHeartbeat = now;
        if (saved is null || now - saved >= SaveHeartbeatEvery)
        {
            try
            {
                await state.SaveAsync(Today() with { LastHeartbeat = now }, this);
            }
            catch (Exception error) when (StorageFaults.IsInfrastructure(error))
            {
                // The heartbeat counts in memory; saving it is only for after a restart, so the next one tries again.
                reporter.Failed($"device {this.GetPrimaryKeyString()} heartbeat", error);
            }
        }

        if (forceReport || _reportedOnline != true)
        {
            await ReportAsync();
        }
    }

    private async Task CheckOnlineAsync(CancellationToken cancellationToken)
    {
        if (state.State.Kind is null)
        {
            return;
        }

        var online = IsOnline();
        if (online != _reportedOnline)
        {
            await ReportAsync();
        }
    }

    private async Task ReportAsync()
    {
        var status = Status();
        _reportedOnline = status.Online;
        await Hall.DeviceChangedAsync(status);
    }

    private bool IsOnline() => _lastHeartbeat is { } beat && clock.GetUtcNow() - beat <= IDeviceGrain.OfflineAfter;

    private DeviceStatus Status()
    {
        var today = Today();
        return new DeviceStatus(Key.DeviceId, Key.HallId, state.State.Kind!.Value, IsOnline(), _lastHeartbeat,
            today.UsesToday, today.FaultsToday, today.LastFault, today.OpenFault, today.OpenFaultSince, today.RepairsToday,
            Math.Round(today.RepairMinutesToday, 2), today.Consumables);
    }

    private DeviceState Today()
    {
        var day = LocalDay.Today(clock);
        // A fault still open and the consumables carry over midnight; the day's counts start again.
        return state.State.Day == day ? state.State : state.State with { Day = day, UsesToday = 0, FaultsToday = 0, LastFault = null, RepairsToday = 0, RepairMinutesToday = 0 };
    }

    private const int MaxFaultText = 2000;

    private static string Truncate(string text) => text.Length <= MaxFaultText ? text : text[..MaxFaultText] + "…";

    private DeviceKind RequireKind()
        => state.State.Kind ?? throw new UnknownEntityException("device", this.GetPrimaryKeyString());
}
