using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansHall.Grains.Events;
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
    public static ISiloBuilder AddOrleansHallGrains(this ISiloBuilder silo, string connectionString, string? modelsDirectory = null, int? visionSlots = null)
    {
        // Models are checked now, so a missing or altered model stops the silo at start-up, naming the file.
        var models = ModelStore.Load(modelsDirectory ?? FindModels());
        silo.Services.AddSingleton(new VisionWorkers(models, visionSlots ?? Environment.ProcessorCount));
        silo.Services.TryAddKeyedSingleton(ClockKey, TimeProvider.System);
        silo.Services.AddSingleton<PostgresEventLog>(_ => new PostgresEventLog(connectionString));
        silo.Services.AddSingleton<IEventLog>(sp => sp.GetRequiredService<PostgresEventLog>());
        return silo;
    }

    /// <summary>
    /// ORLEANSHALL_MODELS if set, else the .cache/models that deploy/fetch-media.sh fills in the repository this
    /// silo was built from.
    /// </summary>
    public static string FindModels()
    {
        if (Environment.GetEnvironmentVariable("ORLEANSHALL_MODELS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansHall.sln")))
            {
                return Path.Combine(directory.FullName, ".cache", "models");
            }
        }

        throw new InvalidOperationException(
            "Face models not found: set ORLEANSHALL_MODELS to the folder deploy/fetch-media.sh fills (<repo>/.cache/models).");
    }
}
