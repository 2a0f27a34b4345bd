using System.Collections.Immutable;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Identity;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>The hall's certificate-free audit log, read-only: nothing on this page (or anywhere in the console) can change it.</summary>
public sealed partial class AuditPage
{
    private const int Days = 30;

    private IReadOnlyList<AuditEntry>? _entries;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override ConsoleAction Needs => ConsoleAction.ReadAudit;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["AuditTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        var to = Time.GetUtcNow().AddMinutes(1);
        _entries = await Customers.GetAuditAsync(HallId, to.AddDays(-Days), to);
    }
}
