using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OrleansHall.Alerts;
using OrleansHall.Hall;
using OrleansHall.Staff;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>A hall's alert rules (editable by its manager and regional operators) and its recent alerts.</summary>
public sealed partial class AlertsPage
{
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private List<EditableRule>? _rules;
    private ImmutableArray<HallAlert> _history = [];
    private string? _error;
    private bool _saved;
    private bool _forbidden;
    private bool _canEdit;

    [Parameter]
    public string HallId { get; set; } = "";

    [Inject]
    private AlertService Alerts { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["AlertRulesTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        _canEdit = _user.IsInRole(nameof(ConsoleRole.HallManager)) || _user.IsRegionalOperator();
        if (_forbidden)
        {
            return;
        }

        try
        {
            _rules = [.. (await Alerts.GetSettingsAsync(HallId)).Rules.Select(EditableRule.From)];
            _history = await Alerts.GetAlertsAsync(HallId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
    }

    private static void Toggle(EditableRule rule, StaffRole role, bool on)
    {
        if (on)
        {
            rule.Roles.Add(role);
        }
        else
        {
            rule.Roles.Remove(role);
        }
    }

    private async Task SaveAsync()
    {
        (_error, _saved) = (null, false);
        try
        {
            var rules = _rules!.Select(r => r.ToSettings()).ToImmutableArray();
            await Alerts.ConfigureAsync(HallId, new AlertSettings(rules), _user.Identity?.Name ?? "console");
            _saved = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
    }

    /// <summary>A rule as the form edits it; numbers stay text until saved, so a typo is reported rather than lost.</summary>
    private sealed class EditableRule
    {
        public string Kind { get; init; } = "";

        public bool Enabled { get; set; }

        public string Threshold { get; set; } = "";

        public string ResolveFraction { get; set; } = "";

        public string Cooldown { get; set; } = "";

        public HashSet<StaffRole> Roles { get; init; } = [];

        public static EditableRule From(AlertRuleSettings r) => new()
        {
            Kind = r.Kind,
            Enabled = r.Enabled,
            Threshold = r.Threshold.ToString(CultureInfo.InvariantCulture),
            ResolveFraction = r.ResolveFraction.ToString(CultureInfo.InvariantCulture),
            Cooldown = r.CooldownMinutes.ToString(CultureInfo.InvariantCulture),
            Roles = [.. r.NotifyRoles],
        };

        public AlertRuleSettings ToSettings()
            => new(Kind, Enabled, Number(Threshold, "threshold"), Number(ResolveFraction, "resolve fraction"), Number(Cooldown, "cool-down minutes"), [.. Roles.Order()]);

        private double Number(string text, string what)
            => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new FormatException($"Rule {Kind}: {what} '{text}' is not a number.");
    }
}
