using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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

    private PageState _state = PageState.Loading;
    private CameraStatus? _status;
    private DateTimeOffset _updatedAt;
    private string? _error;
    private CancellationTokenSource? _polling;
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];

    private enum PageState
    {
        Loading,
        Ready,
        Unknown,
        Forbidden,
        Unreachable,
    }

    [Parameter]
    public string HallId { get; set; } = "";

    [Parameter]
    public string CameraId { get; set; } = "";

    [Inject]
    private CameraFeedService Cameras { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        await StopPollingAsync();
        _status = null;
        _error = null;
        _state = PageState.Loading;
        _user = (await AuthenticationState).User;
        _breadcrumbs =
        [
            new(L["RegionTitle"], "/"),
            new(HallId, $"halls/{Uri.EscapeDataString(HallId)}"),
            new(CameraId, null, disabled: true),
        ];

        if (!_user.CanSeeHall(HallId))
        {
            _state = PageState.Forbidden;
            return;
        }

        try
        {
            _status = await Cameras.GetStatusAsync(HallId, CameraId);
        }
        catch (RejectedRequestException)
        {
            // An id no camera can have (spaces, too long): as unknown as any other.
            _status = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
            _state = PageState.Unreachable;
            return;
        }

        if (_status is null)
        {
            _state = PageState.Unknown;
            return;
        }

        _updatedAt = Time.GetUtcNow();
        _state = PageState.Ready;
        _polling = new CancellationTokenSource();
        _ = PollAsync(HallId, CameraId, _polling.Token);
    }

    public async ValueTask DisposeAsync() => await StopPollingAsync();

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

                        _error = null;
                        StateHasChanged();
                    });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep the last numbers on screen and say why they are not moving.
                    await InvokeAsync(() =>
                    {
                        _error = ex.GetBaseException().Message;
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

    private async Task StopPollingAsync()
    {
        if (Interlocked.Exchange(ref _polling, null) is { } polling)
        {
            await polling.CancelAsync();
            polling.Dispose();
        }
    }

    private string LastFrame(CameraStatus status) =>
        status.LastFrameAt is { } at
            ? string.Create(CultureInfo.CurrentCulture, $"{at.ToLocalTime():HH:mm:ss} · {status.LastWidth}×{status.LastHeight}")
            : "-";
}
