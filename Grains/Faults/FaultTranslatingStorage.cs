using System.Text;
using Orleans.Storage;
using OrleansHall.Common;

namespace OrleansHall.Grains.Faults;

/// <summary>
/// Wraps the ADO.NET grain storage so its failures reach callers in a form they can act on: the database down
/// becomes a <see cref="TransientFaultException"/> (also when it happens while a grain activates, before any grain
/// code runs), a grain id PostgreSQL cannot hold becomes a refusal. A stale-version conflict stays an
/// <see cref="InconsistentStateException"/> so the grain can tell it apart and reload.
/// </summary>
public sealed class FaultTranslatingStorage(IGrainStorage inner, FaultReporter reporter) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => TranslateAsync("read", grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => TranslateAsync("write", grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => TranslateAsync("clear", grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private async Task TranslateAsync(string what, GrainId grainId, Func<Task> call)
    {
        // Checked before the database sees it: an id PostgreSQL cannot index or encode would otherwise fail in a way
        // that looks like an outage and be retried for ever.
        var key = grainId.Key.ToString();
        if (!Keys.IsValidGrainKey(key))
        {
            throw new RejectedRequestException($"Invalid id '{Keys.Printable(key)}' for {grainId.Type}: expected 1-64 letters, digits or '-', '_', '.', ':', '@' (hall-scoped ids as 'hall/id').");
        }

        try
        {
            await call();
            reporter.Succeeded();
        }
        catch (Exception error) when (error is not InconsistentStateException && StorageFaults.IsInfrastructure(error))
        {
            reporter.Failed($"grain state {what}", error);
            throw new TransientFaultException(
                $"The state of {grainId} could not be {(what == "read" ? "read" : "saved")} ({StorageFaults.Describe(error)}); nothing was changed: retry later.");
        }
        catch (Npgsql.PostgresException error) when (StorageFaults.IsDataError(error))
        {
            throw new RejectedRequestException($"The state of {Keys.Printable(grainId.ToString())} was refused by the database: {StorageFaults.Describe(error)}");
        }
        catch (Exception error) when (error is EncoderFallbackException || error.InnerException is EncoderFallbackException)
        {
            throw new RejectedRequestException($"The id of {grainId} cannot be stored (not valid Unicode): {StorageFaults.Describe(error)}");
        }
    }
}
