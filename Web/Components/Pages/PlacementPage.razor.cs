using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using OrleansHall.Placement;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>Product placement: displays by exposure and dwell, the cold ones, what to display today, and experiments.</summary>
public sealed partial class PlacementPage
{
    private PlacementReport? _report;
    private ImmutableArray<PlacementExperiment> _experiments = [];
    private ImmutableArray<string> _zones = [];
    private string _newId = "";
    private string _newName = "";
    private string _newZone = "";
    private string _newProduct = "";
    private string _expName = "";
    private string _expDisplay = "";
    private string _expDay = "";
    private string _expWindow = "7";
    private string _expChange = "";

    [Inject]
    private PlacementService Placement { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["PlacementTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        _zones = await Placement.GetZonesAsync(HallId);
        _newZone = _zones.FirstOrDefault() ?? "";
        await LoadReportAsync();
    }

    private DateOnly Today => DateOnly.FromDateTime(Time.GetLocalNow().DateTime);

    private async Task LoadReportAsync()
    {
        _report = await Placement.GetReportAsync(HallId, Today);
        _experiments = await Placement.GetExperimentsAsync(HallId);
        if (!_report.Displays.Any(d => d.Display.Id == _expDisplay))
        {
            _expDisplay = _report.Displays.FirstOrDefault()?.Display.Id ?? "";
        }
    }

    private async Task RunAsync(Func<Task> action)
    {
        Error = null;
        await GuardAsync(ConsoleAction.EditPlacement, async () =>
        {
            await action();
            await LoadReportAsync();
        });
    }

    private Task AddDisplayAsync() => RunAsync(async () =>
    {
        var displays = _report!.Displays.Select(d => d.Display).Append(new ProductDisplay(_newId.Trim(), _newName.Trim(), _newZone, _newProduct.Trim()));
        await Placement.ConfigureDisplaysAsync(HallId, [.. displays], Who);
        (_newId, _newName, _newProduct) = ("", "", "");
    });

    private Task StartExperimentAsync() => RunAsync(async () =>
    {
        if (!DateOnly.TryParseExact(_expDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new InvalidOperationException(L["ExperimentNeedsDay"]);
        }

        if (!int.TryParse(_expWindow, NumberStyles.Integer, CultureInfo.InvariantCulture, out var window))
        {
            throw new InvalidOperationException(L["ExperimentNeedsWindow"]);
        }

        await Placement.StartExperimentAsync(HallId, new ExperimentRequest(_expName.Trim(), _expDisplay, day, window, _expChange.Trim(), Who));
        (_expName, _expChange) = ("", "");
    });

    private string Product(string key) => L[$"Product.{key}"] is { ResourceNotFound: false } known ? known.Value : key;
}
