using System.Collections.Frozen;
using OrleansHall.Alerts;
using OrleansHall.Camera;
using OrleansHall.Customer;
using OrleansHall.Device;
using OrleansHall.Diagnostics;
using OrleansHall.Forecast;
using OrleansHall.Gallery;
using OrleansHall.Hall;
using OrleansHall.History;
using OrleansHall.Identity;
using OrleansHall.Placement;
using OrleansHall.Queue;
using OrleansHall.Region;
using OrleansHall.Security;
using OrleansHall.Staff;
using OrleansHall.Staffing;

namespace OrleansHall.Grains.Security;

/// <summary>Who, besides silos, may call one grain method; <see cref="Allows"/> sees the caller and the call.</summary>
public sealed record CallRule(string Who, Func<ClusterIdentity, CallTarget, bool> Allows);

/// <summary>What a rule may look at: the grain's key and the call's arguments.</summary>
public sealed record CallTarget(string Key, Func<int, object?> Argument);

/// <summary>
/// Which caller may call which grain method, in one table, for every method of every OrleansHall grain interface
/// (a test fails when a method has no rule). Silos may call everything: grains call each other. Otherwise:
/// <list type="bullet">
/// <item>silo-internal methods (reports between grains, audit and gallery writes, ledgers) answer to no client;</item>
/// <item>the administrator (<c>hallctl</c>, the simulator) and the console may call the operations methods; bulk
/// imports are the administrator's only (the console checks its signed-in user's role itself, see ConsoleAccess);</item>
/// <item>a device may call only its own device grain and what its kind needs in its own hall: a sensor its passages,
/// a kiosk its uses and tickets, an ID-card reader a capture for itself, a camera its own frames, a handheld its own
/// staff member's pushes (its certificate names the staff member).</item>
/// </list>
/// </summary>
public static class CallRules
{
    private static readonly CallRule SiloOnly = new("silos", (_, _) => false);
    private static readonly CallRule AdminOnly = new("admin", (caller, _) => caller.Role == ClusterRole.Admin);
    private static readonly CallRule Operators = new("admin, console", (caller, _) => IsOperator(caller));

    private static readonly FrozenDictionary<(Type Interface, string Method), CallRule> Rules = Build();

    /// <summary>Whether calls to <paramref name="grainInterface"/> are authorised here: OrleansHall's own grain interfaces.</summary>
    public static bool Governs(Type grainInterface) => grainInterface.Assembly == typeof(IHallGrain).Assembly;

    /// <summary>The rule of a method, or null when it has none (then nobody but a silo may call it).</summary>
    public static CallRule? For(Type grainInterface, string method) => Rules.GetValueOrDefault((grainInterface, method));

    /// <summary>Every rule, for the tests that check the table against the interfaces.</summary>
    public static IReadOnlyDictionary<(Type Interface, string Method), CallRule> All => Rules;

    private static FrozenDictionary<(Type, string), CallRule> Build()
    {
        var rules = new Dictionary<(Type, string), CallRule>();
        void Add<T>(CallRule rule, params string[] methods)
        {
            foreach (var method in methods)
            {
                rules.Add((typeof(T), method), rule);
            }
        }

        Add<IHallGrain>(Operators, nameof(IHallGrain.ConfigureAsync));
        Add<IHallGrain>(OperatorsOr("devices of the hall", HallDevice()),
            nameof(IHallGrain.GetConfigAsync), nameof(IHallGrain.ExistsAsync), nameof(IHallGrain.GetSnapshotAsync), nameof(IHallGrain.GetTodayFlowAsync),
            nameof(IHallGrain.SubscribeAsync), nameof(IHallGrain.UnsubscribeAsync));
        Add<IHallGrain>(SiloOnly,
            nameof(IHallGrain.RecordPassageAsync), nameof(IHallGrain.QueueChangedAsync), nameof(IHallGrain.DeviceChangedAsync), nameof(IHallGrain.CameraChangedAsync),
            nameof(IHallGrain.AlertsChangedAsync), nameof(IHallGrain.RecordVisionAsync), nameof(IHallGrain.CardSentAsync), nameof(IHallGrain.StaffDutyChangedAsync),
            nameof(IHallGrain.NotifyStaffAsync), nameof(IHallGrain.ForgetCustomerAsync));
        Add<IVisitorLedgerGrain>(SiloOnly, nameof(IVisitorLedgerGrain.ObserveAsync), nameof(IVisitorLedgerGrain.IdentifiedAsync), nameof(IVisitorLedgerGrain.CountAsync),
            nameof(IVisitorLedgerGrain.ForgetAsync));

        Add<IQueueGrain>(OperatorsOr("kiosks of the hall", HallDevice("Kiosk")), nameof(IQueueGrain.IssueTicketAsync));
        Add<IQueueGrain>(Operators,
            nameof(IQueueGrain.OpenCounterAsync), nameof(IQueueGrain.CloseCounterAsync), nameof(IQueueGrain.CallNextAsync), nameof(IQueueGrain.StartServiceAsync),
            nameof(IQueueGrain.CompleteAsync), nameof(IQueueGrain.NoShowAsync));
        Add<IQueueGrain>(OperatorsOr("devices of the hall", HallDevice()),
            nameof(IQueueGrain.GetSummaryAsync), nameof(IQueueGrain.GetWaitingAsync), nameof(IQueueGrain.PredictWaitAsync));

        Add<IStaffGrain>(Operators, nameof(IStaffGrain.RegisterAsync));
        Add<IStaffGrain>(OperatorsOr("the staff member's handheld", OwnStaff),
            nameof(IStaffGrain.ExistsAsync), nameof(IStaffGrain.GetProfileAsync), nameof(IStaffGrain.SetOnDutyAsync), nameof(IStaffGrain.GetRecentPushesAsync),
            nameof(IStaffGrain.SubscribeAsync), nameof(IStaffGrain.UnsubscribeAsync));
        Add<IStaffGrain>(SiloOnly, nameof(IStaffGrain.PushAsync), nameof(IStaffGrain.DeliverAsync), nameof(IStaffGrain.ForgetCustomerAsync));

        Add<IAlertBookGrain>(SiloOnly, nameof(IAlertBookGrain.ObserveAsync));
        Add<IAlertBookGrain>(Operators,
            nameof(IAlertBookGrain.AcknowledgeAsync), nameof(IAlertBookGrain.ResolveAsync), nameof(IAlertBookGrain.GetAlertsAsync),
            nameof(IAlertBookGrain.GetSettingsAsync), nameof(IAlertBookGrain.ConfigureAsync));
        Add<IHallStaffingGrain>(Operators, nameof(IHallStaffingGrain.PlanAsync));
        Add<IHallForecastGrain>(Operators, nameof(IHallForecastGrain.GetDayAsync), nameof(IHallForecastGrain.RefitAsync), nameof(IHallForecastGrain.BacktestAsync));
        Add<IHallHistoryGrain>(SiloOnly, nameof(IHallHistoryGrain.EnsureScheduledAsync));
        Add<IHallHistoryGrain>(AdminOnly, nameof(IHallHistoryGrain.ImportAsync));
        Add<IHallHistoryGrain>(Operators, nameof(IHallHistoryGrain.RollUpAsync), nameof(IHallHistoryGrain.GetSlotsAsync));
        Add<IHallPlacementGrain>(AdminOnly, nameof(IHallPlacementGrain.ImportDaysAsync));
        Add<IHallPlacementGrain>(Operators,
            nameof(IHallPlacementGrain.ConfigureDisplaysAsync), nameof(IHallPlacementGrain.GetDisplaysAsync), nameof(IHallPlacementGrain.GetReportAsync),
            nameof(IHallPlacementGrain.StartExperimentAsync), nameof(IHallPlacementGrain.GetExperimentsAsync));

        Add<IIdentityDocumentGrain>(OperatorsOr("the ID-card reader named in the capture", CapturingReader), nameof(IIdentityDocumentGrain.CaptureAsync));
        Add<IIdentityDocumentGrain>(Operators, nameof(IIdentityDocumentGrain.VerifyAsync), nameof(IIdentityDocumentGrain.GetStatusAsync));
        Add<IIdentityDocumentGrain>(SiloOnly, nameof(IIdentityDocumentGrain.DeleteAsync));
        Add<IIdentityDocumentGrain>(AdminOnly, nameof(IIdentityDocumentGrain.ResealAsync));
        Add<IHallAuditGrain>(Operators, nameof(IHallAuditGrain.GetEntriesAsync));
        Add<IFaceGalleryGrain>(SiloOnly, nameof(IFaceGalleryGrain.EnrolAsync), nameof(IFaceGalleryGrain.RemoveAsync), nameof(IFaceGalleryGrain.IdentifyAsync));
        Add<IFaceGalleryGrain>(Operators, nameof(IFaceGalleryGrain.CountAsync));
        Add<IFaceGalleryGrain>(AdminOnly, nameof(IFaceGalleryGrain.ResealAsync));
        Add<IBiometricStoreGrain>(AdminOnly, nameof(IBiometricStoreGrain.ListSealedAsync));

        Add<ICustomerDirectoryGrain>(SiloOnly, nameof(ICustomerDirectoryGrain.AddAsync), nameof(ICustomerDirectoryGrain.RemoveAsync));
        Add<ICustomerDirectoryGrain>(Operators, nameof(ICustomerDirectoryGrain.GetAsync));
        Add<ICustomerGrain>(SiloOnly, nameof(ICustomerGrain.HomeHallMovedAsync), nameof(ICustomerGrain.RecordVisitAsync), nameof(ICustomerGrain.RecordWaitAsync));
        Add<ICustomerGrain>(Operators,
            nameof(ICustomerGrain.RegisterAsync), nameof(ICustomerGrain.ExistsAsync), nameof(ICustomerGrain.GetProfileAsync), nameof(ICustomerGrain.SetTagAsync),
            nameof(ICustomerGrain.GetTagSuggestionsAsync), nameof(ICustomerGrain.GrantBiometricConsentAsync), nameof(ICustomerGrain.WithdrawBiometricConsentAsync),
            nameof(ICustomerGrain.GetBiometricConsentAsync), nameof(ICustomerGrain.GrantConsentAsync), nameof(ICustomerGrain.WithdrawConsentAsync),
            nameof(ICustomerGrain.GetConsentsAsync), nameof(ICustomerGrain.EnrolFaceAsync), nameof(ICustomerGrain.AddAppointmentAsync),
            nameof(ICustomerGrain.GetAppointmentsAsync), nameof(ICustomerGrain.IsEnrolledAsync), nameof(ICustomerGrain.GetRecommendationsAsync),
            nameof(ICustomerGrain.GetVisitsAsync), nameof(ICustomerGrain.EraseAsync));

        Add<IRegionDirectoryGrain>(Operators, nameof(IRegionDirectoryGrain.AddRegionAsync), nameof(IRegionDirectoryGrain.GetRegionIdsAsync));
        Add<IRegionGrain>(Operators, nameof(IRegionGrain.AddHallAsync), nameof(IRegionGrain.GetHallIdsAsync), nameof(IRegionGrain.GetSummaryAsync));
        Add<IRegionGrain>(SiloOnly, nameof(IRegionGrain.RemoveHallAsync), nameof(IRegionGrain.HallUpdatedAsync));

        Add<IDeviceGrain>(OperatorsOr("the device itself, registering as the kind its certificate names", RegisteringDevice), nameof(IDeviceGrain.RegisterAsync));
        Add<IDeviceGrain>(OperatorsOr("the device itself", OwnDevice()),
            nameof(IDeviceGrain.HeartbeatAsync), nameof(IDeviceGrain.ReportFaultAsync), nameof(IDeviceGrain.ReportRepairAsync),
            nameof(IDeviceGrain.ReportConsumableAsync), nameof(IDeviceGrain.GetStatusAsync));
        Add<IDeviceGrain>(OperatorsOr("the kiosk or ID-card reader itself", OwnDevice("Kiosk", "IdCardReader")), nameof(IDeviceGrain.RecordUsageAsync));
        Add<IDeviceGrain>(OperatorsOr("the sensor itself", OwnDevice("InfraredSensor")), nameof(IDeviceGrain.RecordPassageAsync));

        Add<ICameraGrain>(OperatorsOr("the camera itself", OwnDevice("Camera")),
            nameof(ICameraGrain.ConfigureAsync), nameof(ICameraGrain.SubmitFrameAsync), nameof(ICameraGrain.GetStatusAsync));
        Add<ICameraGrain>(Operators, nameof(ICameraGrain.GetLatestAnnotatedFrameAsync));
        // Face analysis returns face templates: a tool of the administrator's, not of devices or the console.
        Add<IVisionPool>(AdminOnly, nameof(IVisionPool.AnalyzeFacesAsync));
        Add<IVisionPool>(Operators, nameof(IVisionPool.GetLoadAsync));
        Add<IPingGrain>(AdminOnly, nameof(IPingGrain.PingAsync));
        return rules.ToFrozenDictionary();
    }

    private static bool IsOperator(ClusterIdentity caller) => caller.Role is ClusterRole.Admin or ClusterRole.Console;

    private static CallRule OperatorsOr(string devices, Func<ClusterIdentity, CallTarget, bool> device)
        => new($"admin, console, {devices}", (caller, target) => IsOperator(caller) || (caller.Role == ClusterRole.Device && device(caller, target)));

    private static bool KindIs(ClusterIdentity caller, string[] kinds)
        => kinds.Length == 0 || kinds.Contains(caller.DeviceKind, StringComparer.Ordinal);

    /// <summary>A device of the hall the grain is keyed by (hall-keyed grains).</summary>
    private static Func<ClusterIdentity, CallTarget, bool> HallDevice(params string[] kinds)
        => (caller, target) => KindIs(caller, kinds) && target.Key == caller.HallId;

    /// <summary>The device whose own grain this is ("hall/device" keys).</summary>
    private static Func<ClusterIdentity, CallTarget, bool> OwnDevice(params string[] kinds)
        => (caller, target) => KindIs(caller, kinds) && target.Key == $"{caller.HallId}/{caller.Name}";

    private static bool RegisteringDevice(ClusterIdentity caller, CallTarget target)
        => OwnDevice()(caller, target) && target.Argument(0) is DeviceKind kind && kind.ToString() == caller.DeviceKind;

    private static bool OwnStaff(ClusterIdentity caller, CallTarget target)
        => caller.DeviceKind == nameof(DeviceKind.Handheld) && target.Key == caller.Name;

    private static bool CapturingReader(ClusterIdentity caller, CallTarget target)
        => caller.DeviceKind == nameof(DeviceKind.IdCardReader)
           && target.Argument(0) is IdCapture capture && capture.HallId == caller.HallId && capture.DeviceId == caller.Name;
}
