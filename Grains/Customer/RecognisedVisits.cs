using Microsoft.Extensions.Logging;
using OrleansHall.Customer;
using OrleansHall.Hall;
using OrleansHall.Staff;

namespace OrleansHall.Grains.Customer;

/// <summary>
/// A recognised customer's visit to a hall begins (the hall's visitor ledger says so once per visit): the visit is
/// recorded and, for a VIP or a customer with special needs, the staff get a strategy card: the account manager of an
/// open appointment first (on duty or not: the customer came to see them), their push kept and sent before anyone
/// else's starts; then the staff on duty, through the hall. Runs on the turn of the camera grain that saw them.
/// </summary>
public sealed class RecognisedVisits(IGrainFactory grains, string hallId, ILogger logger)
{
    public async Task StartAsync(string customerId, string cameraId, string cameraName, DateTimeOffset at)
    {
        var customer = grains.GetGrain<ICustomerGrain>(customerId);
        if (!await customer.ExistsAsync())
        {
            return;
        }

        var profile = await customer.GetProfileAsync();
        var visit = new Visit(hallId, at, $"recognised by camera {cameraId}", VisitKind.Recognition);
        if (!profile.IsVip && !profile.HasSpecialNeeds)
        {
            await customer.RecordVisitAsync(visit);
            return;
        }

        // The card first (it shows the visits before this one), then the visit is recorded.
        var (visits, appointments) = (customer.GetVisitsAsync(), customer.GetAppointmentsAsync());
        var manager = StrategyCards.OpenAppointment(await appointments, hallId, at)?.AccountManagerId;
        var managerName = manager is null ? null : (await grains.GetGrain<IStaffGrain>(manager).GetProfileAsync()).Name;
        var card = StrategyCards.For(profile, await visits, await appointments, hallId, cameraId, at, _ => managerName);
        var push = new StaffPush("strategy-card", $"{card.Name} ({string.Join(", ", card.Tags)}) seen by camera {cameraName}: {card.ActionText}",
            hallId, at, CustomerId: profile.CustomerId, Card: card);
        if (manager is not null)
        {
            try
            {
                await grains.GetGrain<IStaffGrain>(manager).DeliverAsync(push);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The floor is told regardless.
                logger.LogWarning(ex, "Hall {Hall} could not give account manager {Manager} the card of {Customer}", hallId, manager, profile.CustomerId);
            }
        }

        var hall = grains.GetGrain<IHallGrain>(hallId);
        await hall.NotifyStaffAsync(StaffNotice.ToEveryone(push, alreadyTold: manager));
        await hall.CardSentAsync(card);
        await customer.RecordVisitAsync(visit);
    }
}
