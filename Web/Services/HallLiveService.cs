using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using OrleansHall.Hall;
using OrleansHall.Region;

namespace OrleansHall.Web.Services;

/// <summary>
/// The console's live view of every hall: one observer subscribed to each hall grain (renewed every minute,
/// since subscriptions expire) plus a poll every few seconds, so a missed push only delays a number.
/// A page follows one hall with <see cref="Subscribe(string, Action{HallSnapshot})"/> (the region page every hall with
/// <see cref="Subscribe(Action{HallSnapshot})"/>) and marshals the callback onto its own renderer.
/// </summary>
public sealed class HallLiveService(
    ClusterConnection cluster,
    IOptions<ClusterSettings> settings,
    TimeProvider time,
    ILogger<HallLiveService> logger) : BackgroundService
{
    private static readonly TimeSpan SubscriptionRenewal = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, HallSnapshot> _snapshots = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _subscribedAt = new();
    // Halls a page follows, with how many pages follow each: live even if no region lists them (opened by URL).
    private readonly Dictionary<string, int> _followed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, Listener> _listeners = new();
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private HallObserver? _observer;
    private IHallObserver? _observerReference;
    private IClusterClient? _observerClient;

    public bool IsConnected => cluster.Client is not null;

    public string? LastError { get; private set; }

    /// <summary>Latest snapshot of every known hall, busiest first.</summary>
    public IReadOnlyList<HallSnapshot> Halls =>
        [.. _snapshots.Values.OrderByDescending(h => h.Occupancy).ThenBy(h => h.HallId, StringComparer.Ordinal)];

    public HallSnapshot? Find(string hallId) => _snapshots.GetValueOrDefault(hallId);

    /// <summary>
    /// Calls <paramref name="onSnapshot"/> for every new snapshot of any hall until disposed. The callback runs in
    /// the subscriber's execution context, so a page re-rendered by a push keeps its user's culture.
    /// </summary>
    public IDisposable Subscribe(Action<HallSnapshot> onSnapshot) => Listen(null, onSnapshot);

    /// <summary>
    /// Calls <paramref name="onSnapshot"/> for every new snapshot of <paramref name="hallId"/> until disposed, and keeps
    /// that hall live meanwhile even if no region lists it. Runs in the subscriber's execution context.
    /// </summary>
    public IDisposable Subscribe(string hallId, Action<HallSnapshot> onSnapshot)
    {
        lock (_followed)
        {
            _followed[hallId] = _followed.GetValueOrDefault(hallId) + 1;
        }

        var listening = Listen(hallId, onSnapshot);
        return new Unsubscriber(() =>
        {
            listening.Dispose();
            lock (_followed)
            {
                if (--_followed[hallId] == 0)
                {
                    _followed.Remove(hallId);
                }
            }
        });
    }

    private IDisposable Listen(string? hallId, Action<HallSnapshot> onSnapshot)
    {
        var id = Guid.NewGuid();
        _listeners[id] = new Listener(hallId, onSnapshot, ExecutionContext.Capture());
        return new Unsubscriber(() => _listeners.TryRemove(id, out _));
    }

    public async Task<bool> HallExistsAsync(string hallId) =>
        await cluster.RequireClient().GetGrain<IHallGrain>(hallId).ExistsAsync();

    public async Task<HallSnapshot> GetSnapshotAsync(string hallId)
    {
        var snapshot = await cluster.RequireClient().GetGrain<IHallGrain>(hallId).GetSnapshotAsync();
        Publish(snapshot);
        return snapshot;
    }

    public Task<HallConfig> GetConfigAsync(string hallId) =>
        cluster.RequireClient().GetGrain<IHallGrain>(hallId).GetConfigAsync();

    public Task<ImmutableArray<FlowBucket>> GetTodayFlowAsync(string hallId) =>
        cluster.RequireClient().GetGrain<IHallGrain>(hallId).GetTodayFlowAsync();

    /// <summary>Reads every hall of every region now; returns false when the cluster is not reachable.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (cluster.Client is not { } client)
        {
            LastError = cluster.LastError ?? "connecting";
            return false;
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var hallIds = await ListHallIdsAsync(client);
            lock (_followed)
            {
                hallIds.UnionWith(_followed.Keys);
            }

            var hallTasks = hallIds.Select(id => RefreshHallAsync(client, id)).ToArray();
            await Task.WhenAll(hallTasks);
            foreach (var gone in _snapshots.Keys.Where(id => !hallIds.Contains(id)))
            {
                _snapshots.TryRemove(gone, out _);
            }

            LastError = null;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LastError = ex.GetBaseException().Message;
            logger.LogWarning("Refreshing hall snapshots failed: {Error}", LastError);
            return false;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Value.RefreshInterval, time);
        try
        {
            do
            {
                // Nobody is looking: skip the cluster round-trips.
                if (!_listeners.IsEmpty)
                {
                    await RefreshAsync(stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_observerReference is { } reference && cluster.Client is { } client)
        {
            foreach (var hallId in _subscribedAt.Keys)
            {
                try
                {
                    await client.GetGrain<IHallGrain>(hallId).UnsubscribeAsync(reference);
                }
                catch (Exception ex)
                {
                    logger.LogDebug(ex, "Unsubscribing from hall {HallId} on shutdown", hallId);
                }
            }

            client.DeleteObjectReference<IHallObserver>(reference);
        }
    }

    private static async Task<HashSet<string>> ListHallIdsAsync(IClusterClient client)
    {
        var regionIds = await client.GetGrain<IRegionDirectoryGrain>(0).GetRegionIdsAsync();
        var perRegion = await Task.WhenAll(regionIds.Select(r => client.GetGrain<IRegionGrain>(r).GetHallIdsAsync()));
        return perRegion.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
    }

    private async Task RefreshHallAsync(IClusterClient client, string hallId)
    {
        var hall = client.GetGrain<IHallGrain>(hallId);
        var reference = ObserverReference(client);
        var now = time.GetUtcNow();
        if (!_subscribedAt.TryGetValue(hallId, out var subscribedAt) || now - subscribedAt >= SubscriptionRenewal)
        {
            try
            {
                await hall.SubscribeAsync(reference);
                _subscribedAt[hallId] = now;
            }
            catch (Exception ex)
            {
                // Polling still works without the push.
                logger.LogDebug(ex, "Subscribing to hall {HallId} failed", hallId);
            }
        }

        Publish(await hall.GetSnapshotAsync());
    }

    private IHallObserver ObserverReference(IClusterClient client)
    {
        lock (_listeners)
        {
            if (_observerReference is null || !ReferenceEquals(_observerClient, client))
            {
                _observer = new HallObserver(Publish);
                _observerReference = client.CreateObjectReference<IHallObserver>(_observer);
                _observerClient = client;
                _subscribedAt.Clear();
            }

            return _observerReference;
        }
    }

    private void Publish(HallSnapshot snapshot)
    {
        // Pushes and polls race; never let an older snapshot replace a newer one.
        var current = _snapshots.AddOrUpdate(
            snapshot.HallId,
            snapshot,
            (_, existing) => existing.At > snapshot.At ? existing : snapshot);
        if (!ReferenceEquals(current, snapshot))
        {
            return;
        }

        foreach (var listener in _listeners.Values.Where(l => l.HallId is null || l.HallId == snapshot.HallId))
        {
            try
            {
                if (listener.Context is { } context)
                {
                    ExecutionContext.Run(context, static state => ((Action)state!)(), (Action)(() => listener.OnSnapshot(snapshot)));
                }
                else
                {
                    listener.OnSnapshot(snapshot);
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A page failed to take a snapshot of hall {HallId}", snapshot.HallId);
            }
        }
    }

    private sealed record Listener(string? HallId, Action<HallSnapshot> OnSnapshot, ExecutionContext? Context);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
