using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Camera;
using OrleansHall.Common;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>
/// One camera: what it sees (the latest annotated frame) and how well it is doing, polled every second from the
/// camera grain itself, since the hall hears from its cameras only every few seconds.
/// </summary>
public sealed partial class CameraPage
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private bool _unknown;
    private CameraStatus? _status;
    private DateTimeOffset _updatedAt;
    private CancellationTokenSource? _polling;

    [Parameter]
    public string CameraId { get; set; } = "";

    [Inject]
    private CameraFeedService Cameras { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override ConsoleAction Needs => ConsoleAction.ViewCameras;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(CameraId, null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        // The camera of the old URL stops being polled even when the new one may not be shown.
        StopPolling();
        await base.OnParametersSetAsync();
    }

    protected override async Task LoadAsync()
    {
        (_status, _unknown) = (null, false);
        try
        {
            _status = await Cameras.GetStatusAsync(HallId, CameraId);
        }
        catch (RejectedRequestException)
        {
            // An id no camera can have (spaces, too long): as unknown as any other.
            _status = null;
        }

        if (_status is null)
        {
            _unknown = true;
            return;
        }

        _updatedAt = Time.GetUtcNow();
        _polling = new CancellationTokenSource();
        _ = PollAsync(HallId, CameraId, _polling.Token);
    }

    public override void Dispose()
    {
        StopPolling();
        base.Dispose();
    }

    private async Task PollAsync(string hallId, string cameraId, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollEvery, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var status = await Cameras.GetStatusAsync(hallId, cameraId);
                    await InvokeAsync(() =>
                    {
                        if (status is not null)
                        {
                            _status = status;
                            _updatedAt = Time.GetUtcNow();
                        }

                        Error = null;
                        StateHasChanged();
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the last numbers on screen and say why they are not moving.
                    await InvokeAsync(() =>
                    {
                        Error = ex.GetBaseException().Message;
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Page closed or navigated to another camera.
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between ticks.
        }
    }

    private void StopPolling()
    {
        if (Interlocked.Exchange(ref _polling, null) is { } polling)
        {
            polling.Cancel();
            polling.Dispose();
        }
    }

    private string LastFrame(CameraStatus status) =>
        status.LastFrameAt is { } at
            ? string.Create(CultureInfo.CurrentCulture, $"{at.ToLocalTime():HH:mm:ss} · {status.LastWidth}×{status.LastHeight}")
            : "-";
}
