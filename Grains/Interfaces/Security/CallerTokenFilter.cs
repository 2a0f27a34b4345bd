using Orleans.Runtime;

namespace OrleansHall.Security;

/// <summary>
/// Puts this party's token (<see cref="CallerTokens"/>) on every grain call it makes. On a silo it also replaces the
/// token a grain received from its own caller (tokens flow with the request context), so a grain's calls are the
/// silo's; and it sends no token to a client (an observer such as a handheld), which could otherwise reuse it.
/// </summary>
public sealed class CallerTokenFilter(CallerTokenIssuer issuer) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (context.TargetId.IsClient())
        {
            RequestContext.Remove(CallerTokens.ContextKey);
        }
        else
        {
            RequestContext.Set(CallerTokens.ContextKey, issuer.Current());
        }

        return context.Invoke();
    }
}
