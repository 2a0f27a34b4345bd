namespace OrleansHall.Security;

/// <summary>
/// The caller may not call this grain method (see <c>CallRules</c> in OrleansHall.Grains): the message names the
/// method and who called. Nothing was changed.
/// </summary>
[GenerateSerializer]
public sealed class CallRefusedException(string message) : Exception(message);
