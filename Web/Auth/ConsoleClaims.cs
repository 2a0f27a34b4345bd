using System.Security.Claims;

namespace OrleansHall.Web.Auth;

public static class ConsoleClaims
{
    /// <summary>The hall a hall manager or staff member belongs to.</summary>
    public const string HallId = "orleanshall:hall";

    public static bool IsRegionalOperator(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(ConsoleRole.RegionalOperator));

    public static string? HallOf(this ClaimsPrincipal user) => user.FindFirst(HallId)?.Value;

    /// <summary>Whether the hall's live view is the user's to see (<see cref="ConsoleAccess"/>).</summary>
    public static bool CanSeeHall(this ClaimsPrincipal user, string hallId) => user.May(ConsoleAction.ViewHall, hallId);
}
