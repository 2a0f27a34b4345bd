using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using OrleansHall.Security;

namespace OrleansHall.Grains.Security;

/// <summary>
/// Authorises every call to an OrleansHall grain by the caller's verified token (<see cref="CallerTokens"/>) and
/// <see cref="CallRules"/>: silos may call everything, clients what the table allows them. A refused call throws
/// <see cref="CallRefusedException"/> naming the method and the caller, is logged and counted
/// (<c>orleanshall.calls.refused</c>), and reaches no grain. Installed on silos that run with TLS.
/// </summary>
public sealed class CallAuthorizationFilter(CallerTokenVerifier verifier, ILogger<CallAuthorizationFilter> logger) : IIncomingGrainCallFilter
{
    private static readonly Counter<long> Refused = Diagnostics.Telemetry.Meter.CreateCounter<long>("orleanshall.calls.refused", description: "Grain calls refused by the authorisation table");

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var method = context.InterfaceMethod;
        if (method?.DeclaringType is not { } grainInterface || !CallRules.Governs(grainInterface))
        {
            return context.Invoke();
        }

        var (caller, problem) = verifier.Verify(RequestContext.Get(CallerTokens.ContextKey) as string);
        if (caller is { Role: ClusterRole.Silo })
        {
            return context.Invoke();
        }

        var call = $"{grainInterface.Name}.{method.Name} on '{context.TargetId.Key}'";
        if (caller is null)
        {
            return Refuse(call, "an unidentified caller", problem!);
        }

        var rule = CallRules.For(grainInterface, method.Name);
        var target = new CallTarget(context.TargetId.Key.ToString(), i => i < context.Request.GetArgumentCount() ? context.Request.GetArgument(i) : null);
        if (rule is null || !rule.Allows(caller, target))
        {
            return Refuse(call, caller.ToString(), $"it answers only to {rule?.Who ?? "silos"}");
        }

        return context.Invoke();
    }

    private Task Refuse(string call, string caller, string why)
    {
        Refused.Add(1, new KeyValuePair<string, object?>("method", call[..call.IndexOf(' ')]));
        logger.LogWarning("Refused {Call} to {Caller}: {Why}", call, caller, why);
        throw new CallRefusedException($"Refused {call} to {caller}: {why}.");
    }
}
