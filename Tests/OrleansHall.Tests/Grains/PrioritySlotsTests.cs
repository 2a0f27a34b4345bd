using OrleansHall.Grains.Vision;

namespace OrleansHall.Tests.Grains;

public sealed class PrioritySlotsTests
{
    [Fact]
    public async Task A_freed_slot_goes_to_urgent_work_before_ordinary_work_that_waited_longer()
    {
        var slots = new PrioritySlots(1);
        await slots.WaitAsync(urgent: false, CancellationToken.None);
        var order = new List<string>();
        var ordinary = slots.WaitAsync(urgent: false, CancellationToken.None).ContinueWith(_ => { lock (order) { order.Add("ordinary"); } slots.Release(); });
        var urgent = slots.WaitAsync(urgent: true, CancellationToken.None).ContinueWith(_ => { lock (order) { order.Add("urgent"); } slots.Release(); });

        Assert.Equal(0, slots.Free);
        slots.Release();
        await Task.WhenAll(ordinary, urgent);

        Assert.Equal(["urgent", "ordinary"], order);
        Assert.Equal(1, slots.Free);
    }

    [Fact]
    public async Task Urgent_work_has_a_reserve_that_ordinary_work_cannot_take()
    {
        var slots = new PrioritySlots(1, reserve: 1);
        await slots.WaitAsync(urgent: false, CancellationToken.None);

        var ordinary = slots.WaitAsync(urgent: false, CancellationToken.None);
        var urgent = slots.WaitAsync(urgent: true, CancellationToken.None);
        var secondUrgent = slots.WaitAsync(urgent: true, CancellationToken.None);

        Assert.True(urgent.IsCompletedSuccessfully, "urgent work should use the reserve");
        Assert.False(ordinary.IsCompleted);
        Assert.False(secondUrgent.IsCompleted);
        slots.Release();
        Assert.True(secondUrgent.IsCompletedSuccessfully, "a freed slot goes to the waiting urgent work");
        Assert.False(ordinary.IsCompleted);
        slots.Release();
        slots.Release();
        await ordinary.WaitAsync(TimeSpan.FromSeconds(10));
        slots.Release();
        Assert.Equal(1, slots.Free);
    }

    [Fact]
    public async Task A_cancelled_waiter_does_not_swallow_a_slot()
    {
        var slots = new PrioritySlots(1);
        await slots.WaitAsync(urgent: false, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = slots.WaitAsync(urgent: true, cancel.Token);
        var next = slots.WaitAsync(urgent: false, CancellationToken.None);

        await cancel.CancelAsync();
        slots.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, slots.Free);
        slots.Release();
        Assert.Equal(1, slots.Free);
    }
}
