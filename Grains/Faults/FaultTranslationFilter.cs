using Microsoft.Extensions.Logging;
using OrleansHall.Common;

namespace OrleansHall.Grains.Faults;

/// <summary>
/// Every grain call passes here. An infrastructure failure (the database down, a broken connection) leaves as a
/// <see cref="TransientFaultException"/> the caller can deserialize and retry, instead of a storage exception that
/// has no codec on the client and would look like a refusal; the outage is logged once by <see cref="FaultReporter"/>.
/// </summary>
public sealed class FaultTranslationFilter(FaultReporter reporter, ILogger<FaultTranslationFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (error is not TransientFaultException && StorageFaults.IsInfrastructure(error))
        {
            if (StorageFaults.FindTransient(error) is { } translated)
            {
                // Already said by the storage wrapper (and reported there); Orleans wrapped it on the way.
                throw translated;
            }

            var where = $"{context.InterfaceName}.{context.MethodName}";
            reporter.Failed(where, error);
            throw new TransientFaultException(
                $"{where} could not be made durable ({StorageFaults.Describe(error)}); nothing was changed: retry with the same event id.");
        }
        catch (Npgsql.PostgresException error) when (StorageFaults.IsDataError(error))
        {
            throw new RejectedRequestException(
                $"{context.InterfaceName}.{context.MethodName}: the database refused a value ({StorageFaults.Describe(error)}); nothing was stored.");
        }
        catch (Exception error) when (error is not (RejectedRequestException or UnknownEntityException or TransientFaultException)
            && !reporter.SeenBug(error, context.MethodName))
        {
            // Neither a refusal nor an outage: a bug. Logged with its stack once per kind and place, then passed on.
            logger.LogError(error, "Unexpected failure in {Interface}.{Method}", context.InterfaceName, context.MethodName);
            throw;
        }
    }
}
