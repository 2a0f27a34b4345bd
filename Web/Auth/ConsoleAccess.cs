using System.Collections.Frozen;
using System.Security.Claims;

namespace OrleansHall.Web.Auth;

/// <summary>
/// Who may do what in the console, in one table. A role allows actions; where is the user's hall (a regional operator:
/// every hall; an auditor without a hall: every hall's audit). Every page and endpoint asks <see cref="May"/> for the
/// hall of what it shows, not only the hall in its URL.
/// </summary>
public static class ConsoleAccess
{
    private static readonly FrozenDictionary<ConsoleRole, FrozenSet<ConsoleAction>> Allowed = new Dictionary<ConsoleRole, FrozenSet<ConsoleAction>>
    {
        [ConsoleRole.RegionalOperator] = Enum.GetValues<ConsoleAction>().ToFrozenSet(),
        [ConsoleRole.HallManager] = Enum.GetValues<ConsoleAction>().ToFrozenSet(),
        // Staff serve customers on the floor; cameras, consent, faces and ID documents stay with their manager.
        [ConsoleRole.Staff] = new[] { ConsoleAction.ViewHall, ConsoleAction.ViewCustomers, ConsoleAction.EditCustomers }.ToFrozenSet(),
        [ConsoleRole.Auditor] = new[] { ConsoleAction.ReadAudit }.ToFrozenSet(),
    }.ToFrozenDictionary();

    public static ConsoleRole? RoleOf(this ClaimsPrincipal user)
        => Enum.GetValues<ConsoleRole>().Where(r => user.IsInRole(r.ToString())).Cast<ConsoleRole?>().FirstOrDefault();

    /// <summary>Whether the user may do <paramref name="action"/> in hall <paramref name="hallId"/>.</summary>
    public static bool May(this ClaimsPrincipal user, ConsoleAction action, string hallId)
        => user.RoleOf() is { } role
            && Allowed[role].Contains(action)
            && (role == ConsoleRole.RegionalOperator
                || (role == ConsoleRole.Auditor && user.HallOf() is null)
                || string.Equals(user.HallOf(), hallId, StringComparison.Ordinal));

    /// <summary>The actions a role allows, for the README's table and the tests that assert it.</summary>
    public static IReadOnlySet<ConsoleAction> ActionsOf(ConsoleRole role) => Allowed[role];
}
