using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>The customers of a hall: who, tags, which consents, whether a face and an ID are held.</summary>
public sealed partial class CustomersPage
{
    private IReadOnlyList<CustomerRow>? _rows;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    protected override ConsoleAction Needs => ConsoleAction.ViewCustomers;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["CustomersTitle"], null, disabled: true)];

    protected override async Task LoadAsync() => _rows = await Customers.ListAsync(HallId);

    private string Tag(string tag) => L[$"Tag.{tag}"] is { ResourceNotFound: false } known ? known.Value : tag;
}
