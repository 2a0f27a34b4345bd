using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>The customers of a hall: who, tags, which consents, whether a face and an ID are held.</summary>
public sealed partial class CustomersPage
{
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlyList<CustomerRow>? _rows;
    private string? _error;
    private bool _forbidden;

    [Parameter]
    public string HallId { get; set; } = "";

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["CustomersTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        if (_forbidden)
        {
            return;
        }

        try
        {
            _rows = await Customers.ListAsync(HallId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
    }

    private string Tag(string tag) => L[$"Tag.{tag}"] is { ResourceNotFound: false } known ? known.Value : tag;
}
