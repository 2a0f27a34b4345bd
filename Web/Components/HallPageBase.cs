using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using OrleansHall.Hall;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components;

/// <summary>
/// What every page of one hall (/halls/{HallId}/...) does the same way: read the user, refuse a hall the user may not
/// see, build the breadcrumbs (the hall id escaped in its link), load through <see cref="LoadAsync"/> with any failure
/// shown as <see cref="Error"/>, and follow the hall's live snapshots until the page closes or moves to another hall.
/// Its markup counterpart is <see cref="HallPageFrame"/>.
/// </summary>
public abstract class HallPageBase : ComponentBase, IDisposable
{
    private IDisposable? _following;

    [Parameter]
    public string HallId { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SharedResource> Strings { get; set; } = default!;

    [Inject]
    protected HallLiveService Live { get; set; } = default!;

    public ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The user may not open this page of this hall (<see cref="Needs"/>): nothing was loaded.</summary>
    public bool Forbidden { get; private set; }

    /// <summary>What opening the page is (<see cref="ConsoleAccess"/>): the hall's live view unless the page says otherwise.</summary>
    protected virtual ConsoleAction Needs => ConsoleAction.ViewHall;

    /// <summary>What went wrong loading or acting, in words for the user; null when all is well.</summary>
    public string? Error { get; protected set; }

    public IReadOnlyList<BreadcrumbItem> Breadcrumbs { get; private set; } = [];

    /// <summary>Who acts, for the grains' records.</summary>
    protected string Who => User.Identity?.Name ?? "console";

    /// <summary>This hall's page, as a link relative to the console's base address.</summary>
    protected string HallLink => $"halls/{Uri.EscapeDataString(HallId)}";

    /// <summary>The crumbs after the region and the hall (the page's own title last); none on the hall's own page.</summary>
    protected abstract IEnumerable<BreadcrumbItem> PageCrumbs();

    /// <summary>Loads what the page shows, once the user may see the hall; called again when the URL's hall changes.</summary>
    protected abstract Task LoadAsync();

    protected override async Task OnParametersSetAsync()
    {
        StopFollowing();
        Error = null;
        User = (await AuthenticationState).User;
        var own = PageCrumbs().ToList();
        Breadcrumbs =
        [
            new(Strings["RegionTitle"], "/"),
            own.Count == 0 ? new(HallId, null, disabled: true) : new(HallId, HallLink),
            .. own,
        ];
        Forbidden = !User.May(Needs, HallId);
        if (!Forbidden)
        {
            await GuardAsync(LoadAsync);
        }
    }

    /// <summary>Whether the user may do <paramref name="action"/> in this hall; pages show a control only when they may.</summary>
    protected bool May(ConsoleAction action) => User.May(action, HallId);

    /// <summary>
    /// Runs <paramref name="action"/> if the user may do <paramref name="needs"/> here (a hidden control is no permission:
    /// the check is repeated where the action runs); a failure becomes <see cref="Error"/>. True when it succeeded.
    /// </summary>
    protected Task<bool> GuardAsync(ConsoleAction needs, Func<Task> action)
    {
        if (!May(needs))
        {
            Error = $"Your role may not do '{needs}' in hall '{HallId}'.";
            return Task.FromResult(false);
        }

        return GuardAsync(action);
    }

    /// <summary>Runs <paramref name="action"/>; a failure becomes <see cref="Error"/> instead of breaking the page. True when it succeeded.</summary>
    protected async Task<bool> GuardAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = ex.Message;
            return false;
        }
    }

    /// <summary>Calls <paramref name="onSnapshot"/> on this page's renderer for each new snapshot of the hall, then re-renders.</summary>
    protected void FollowHall(Action<HallSnapshot> onSnapshot) => FollowHall(s =>
    {
        onSnapshot(s);
        return Task.CompletedTask;
    });

    /// <summary>As <see cref="FollowHall(Action{HallSnapshot})"/>, for a page that does more on each snapshot.</summary>
    protected void FollowHall(Func<HallSnapshot, Task> onSnapshot)
    {
        StopFollowing();
        _following = Live.Subscribe(HallId, snapshot => _ = InvokeAsync(async () =>
        {
            await onSnapshot(snapshot);
            StateHasChanged();
        }));
    }

    public virtual void Dispose()
    {
        StopFollowing();
        GC.SuppressFinalize(this);
    }

    private void StopFollowing() => Interlocked.Exchange(ref _following, null)?.Dispose();
}
