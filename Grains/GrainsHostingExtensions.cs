using OrleansHall.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OrleansHall.Grains.Events;
using OrleansHall.Grains.Faults;
using OrleansHall.Grains.Gallery;
using OrleansHall.Grains.Vision;
using OrleansHall.Vision.Faces;

namespace OrleansHall.Grains;

public static class GrainsHostingExtensions
{
    /// <summary>
    /// The key of the clock grains read business time from. It is separate from the runtime's own
    /// <see cref="TimeProvider"/>, so a test can move business time without stopping Orleans' timers.
    /// </summary>
    public const string ClockKey = "orleanshall-clock";

    /// <summary>
    /// Registers what the OrleansHall grains need besides Orleans itself: the PostgreSQL event log and the clock.
    /// The silo must also register ADO.NET grain storage named <see cref="StorageNames.Grains"/> and reminders.
    /// </summary>
    public static ISiloBuilder AddOrleansHallGrains(
        this ISiloBuilder silo, string connectionString, string? modelsDirectory = null, int? visionSlots = null, string? biometricKeyFile = null)
    {
        // A key file named by the caller or the environment must exist; only a development checkout's default is made here.
        var (keyFile, configured) = biometricKeyFile is not null ? (biometricKeyFile, true) : FindBiometricKey();
        silo.Services.AddSingleton(BiometricVault.FromKeyFile(keyFile, mayCreate: !configured));
        // Models are checked now, so a missing or altered model stops the silo at start-up, naming the file.
        var models = ModelStore.Load(modelsDirectory ?? FindModels());
        // Leave a core for the rest of the silo: grain turns, storage and the gateway must not wait behind pixels.
        silo.Services.AddSingleton(new VisionWorkers(models, visionSlots ?? Math.Max(1, Environment.ProcessorCount - 1)));
        silo.Services.TryAddKeyedSingleton(ClockKey, TimeProvider.System);
        silo.Services.AddSingleton<PostgresEventLog>(_ => new PostgresEventLog(connectionString));
        silo.Services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<PostgresEventLog>());
        silo.Services.AddSingleton(_ => new History.PostgresRollupStore(connectionString));
        silo.Services.AddSingleton(_ => new BiometricStateCatalog(connectionString));
        silo.Services.AddSingleton(sp => new FaultReporter(sp.GetRequiredService<ILogger<FaultReporter>>(), TimeProvider.System));
        silo.AddIncomingGrainCallFilter<FaultTranslationFilter>();
        return silo;
    }

    /// <summary>
    /// ORLEANSHALL_BIOMETRIC_KEY_FILE if set (configured: it must exist), else .data/biometric.key of the repository
    /// this silo was built from (a development default, created on first use). Never inside the database.
    /// </summary>
    public static (string Path, bool Configured) FindBiometricKey()
        => Environment.GetEnvironmentVariable("ORLEANSHALL_BIOMETRIC_KEY_FILE") is { Length: > 0 } configured
            ? (configured, true)
            : (Path.Combine(RepositoryRoot("ORLEANSHALL_BIOMETRIC_KEY_FILE"), ".data", "biometric.key"), false);

    /// <summary>
    /// ORLEANSHALL_MODELS if set, else the .cache/models that deploy/fetch-media.sh fills in the repository this
    /// silo was built from.
    /// </summary>
    public static string FindModels()
        => Environment.GetEnvironmentVariable("ORLEANSHALL_MODELS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot("ORLEANSHALL_MODELS"), ".cache", "models");

    private static string RepositoryRoot(string setting)
        => Checkout.FindRoot() ?? throw new InvalidOperationException($"Not running from an OrleansHall checkout: set {setting}.");
}
