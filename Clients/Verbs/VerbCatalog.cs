using OrleansHall.Clients.Cli;

namespace OrleansHall.Clients.Verbs;

public static class VerbCatalog
{
    public static IReadOnlyList<Verb> All() =>
    [
        new HallAddVerb(),
        new HallStatusVerb(),
        new StaffAddVerb(),
        new CustomerAddVerb(),
        new CustomerConsentVerb(),
        new CustomerEnrolVerb(),
        new CustomerEraseVerb(),
        new CustomerShowVerb(),
        new IdReaderVerb(),
        new VerifyVerb(),
        new AuditVerb(),
        new AppointmentAddVerb(),
        new QueueVerb(QueueAction.Issue),
        new QueueVerb(QueueAction.Call),
        new QueueVerb(QueueAction.Start),
        new QueueVerb(QueueAction.Complete),
        new QueueVerb(QueueAction.NoShow),
        new QueueVerb(QueueAction.Status),
        new QueueVerb(QueueAction.Open),
        new QueueVerb(QueueAction.Close),
        new SensorVerb(),
        new KioskVerb(),
        new HandheldVerb(),
        new DeviceVerb(DeviceAction.Fault),
        new DeviceVerb(DeviceAction.Repair),
        new DeviceVerb(DeviceAction.Consumable),
        new DeviceVerb(DeviceAction.Status),
        new CameraVerb(),
        new SimulateVerb(),
        new VisionDetectVerb(),
        new VisionCompareVerb(),
        new VisionAnnotateVerb(),
        new BenchVisionVerb(),
        new BenchStateVerb(),
        new BenchCamerasVerb(),
        new BenchCardVerb(),
        new BenchClusterVerb(),
        new AnalyticsErlangVerb(),
        new AnalyticsBacktestVerb(),
        new AnalyticsStaffingVerb(),
        new UsersAddVerb(),
        new KeysFileVerb(add: false),
        new KeysFileVerb(add: true),
        new KeysRotateVerb(),
    ];
}
