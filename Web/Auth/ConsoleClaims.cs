using System.Security.Claims;

namespace OrleansHall.Web.Auth;

public static class ConsoleClaims
{
    /// <summary>The hall a hall manager or staff member belongs to.</summary>
    public const string HallId = "orleanshall:hall";

    public static bool IsRegionalOperator(this ClaimsPrincipal user) =>
        user.IsInRole(nameof(ConsoleRole.RegionalOperator));

    public static string? HallOf(this ClaimsPrincipal user) => user.FindFirst(HallId)?.Value;

    /// <summary>Regional operators see every hall; everyone else only the hall they are assigned to.</summary>
    public static bool CanSeeHall(this ClaimsPrincipal user, string hallId) =>
        user.IsRegionalOperator() || string.Equals(user.HallOf(), hallId, StringComparison.Ordinal);
}
