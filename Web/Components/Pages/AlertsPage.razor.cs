using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;
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
    private List<EditableRule>? _rules;
    private ImmutableArray<HallAlert> _history = [];
    private bool _saved;

    [Inject]
    private AlertService Alerts { get; set; } = default!;

    private bool CanEdit => May(ConsoleAction.EditAlertRules);

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["AlertRulesTitle"], null, disabled: true)];

    protected override async Task LoadAsync()
    {
        _rules = [.. (await Alerts.GetSettingsAsync(HallId)).Rules.Select(EditableRule.From)];
        _history = await Alerts.GetAlertsAsync(HallId);
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
        (Error, _saved) = (null, false);
        _saved = await GuardAsync(ConsoleAction.EditAlertRules, () => Alerts.ConfigureAsync(HallId, new AlertSettings([.. _rules!.Select(r => r.ToSettings())]), Who));
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
