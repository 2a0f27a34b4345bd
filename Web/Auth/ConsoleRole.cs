namespace OrleansHall.Web.Auth;

/// <summary>Who signs in to the console; a regional operator sees every hall, the others only their own.</summary>
public enum ConsoleRole
{
    RegionalOperator,
    HallManager,
    Staff,
}
