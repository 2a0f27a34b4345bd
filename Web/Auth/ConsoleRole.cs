namespace OrleansHall.Web.Auth;

/// <summary>
/// Who signs in to the console. A regional operator sees every hall; a hall manager and staff only their own hall; an
/// auditor only the audit log (of every hall, or of one when configured with a hall). What each may do is
/// <see cref="ConsoleAccess"/>.
/// </summary>
public enum ConsoleRole
{
    RegionalOperator,
    HallManager,
    Staff,
    Auditor,
}
