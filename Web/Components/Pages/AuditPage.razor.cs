using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OrleansHall.Identity;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>The hall's certificate-free audit log, read-only: nothing on this page (or anywhere in the console) can change it.</summary>
public sealed partial class AuditPage
{
    private const int Days = 30;

    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private ImmutableArray<AuditEntry>? _entries;
    private string? _error;
    private bool _forbidden;

    [Parameter]
    public string HallId { get; set; } = "";

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["AuditTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        if (_forbidden)
        {
            return;
        }

        try
        {
            var to = Time.GetUtcNow().AddMinutes(1);
            _entries = await Customers.GetAuditAsync(HallId, to.AddDays(-Days), to);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
    }
}
