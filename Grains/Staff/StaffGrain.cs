using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Common;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using OrleansHall.Common;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Staff;

public sealed class StaffGrain(
    [PersistentState("staff", StorageNames.Grains)] IPersistentState<StaffState> state,
    FaultReporter reporter,
    ILogger<StaffGrain> logger) : Grain, IStaffGrain
{
    public const int PushesKept = 20;

    private readonly ObserverManager<IStaffTerminal> _terminals = new(TimeSpan.FromMinutes(5), logger);

    private string StaffId => this.GetPrimaryKeyString();

    public async Task RegisterAsync(string name, StaffRole role, string hallId)
    {
        Keys.Validate(StaffId, "staff id");
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new RejectedRequestException($"Staff name '{name}' must be 1-100 characters.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new RejectedRequestException($"Unknown staff role {role}: expected one of {string.Join(", ", Enum.GetNames<StaffRole>())}.");
        }

        if (!await GrainFactory.GetGrain<IHallGrain>(hallId).ExistsAsync())
        {
            throw new UnknownEntityException("hall", hallId);
        }

        var previous = state.State.Profile;
        await state.SaveAsync(state.State with { Profile = new StaffProfile(StaffId, name.Trim(), role, hallId, previous?.OnDuty ?? false) }, this);
        if (previous is { OnDuty: true } && previous.HallId != hallId)
        {
            await GrainFactory.GetGrain<IHallGrain>(previous.HallId).StaffDutyChangedAsync(StaffId, false);
            await GrainFactory.GetGrain<IHallGrain>(hallId).StaffDutyChangedAsync(StaffId, true);
        }
        else if (previous is { OnDuty: true } && previous.Role != role)
        {
            // The hall picks whom to tell by role.
            await GrainFactory.GetGrain<IHallGrain>(hallId).StaffDutyChangedAsync(StaffId, true);
        }
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public Task<StaffProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task SetOnDutyAsync(bool onDuty)
    {
        var profile = Profile();
        await state.SaveAsync(state.State with { Profile = profile with { OnDuty = onDuty } }, this);
        await GrainFactory.GetGrain<IHallGrain>(profile.HallId).StaffDutyChangedAsync(StaffId, onDuty);
    }

    public Task PushAsync(StaffPush push) => DeliverAsync(push);

    public async Task DeliverAsync(StaffPush push)
    {
        Profile();
        var pushes = state.State.Pushes.Add(push);
        state.State = state.State with { Pushes = pushes.Length > PushesKept ? pushes.RemoveAt(0) : pushes };
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception error) when (StorageFaults.IsInfrastructure(error))
        {
            // A push is a notification, not an acknowledged event: it goes out now and is kept in memory until the next save.
            reporter.Failed($"staff {StaffId} push", error);
        }

        await _terminals.Notify(t => t.ReceiveAsync(push));
    }

    public Task<ImmutableArray<StaffPush>> GetRecentPushesAsync() => Task.FromResult(state.State.Pushes);

    public async Task ForgetCustomerAsync(string customerId)
    {
        Keys.Validate(customerId, "customer id");
        if (state.State.Pushes.Any(p => p.CustomerId == customerId || p.Card?.CustomerId == customerId))
        {
            await state.SaveAsync(state.State with { Pushes = [.. state.State.Pushes.Where(p => p.CustomerId != customerId && p.Card?.CustomerId != customerId)] }, this);
        }
    }

    public Task SubscribeAsync(IStaffTerminal terminal)
    {
        Profile();
        _terminals.Subscribe(terminal, terminal);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IStaffTerminal terminal)
    {
        _terminals.Unsubscribe(terminal);
        return Task.CompletedTask;
    }

    private StaffProfile Profile() => state.State.Profile ?? throw new UnknownEntityException("staff member", StaffId);
}
