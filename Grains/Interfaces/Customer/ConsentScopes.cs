namespace OrleansHall.Customer;

/// <summary>The consent scopes by the names the command line, the audit log and the console use.</summary>
public static class ConsentScopes
{
    public static IReadOnlyDictionary<string, ConsentScope> ByName { get; } = new Dictionary<string, ConsentScope>
    {
        ["recognition"] = ConsentScope.Recognition,
        ["certificate-free"] = ConsentScope.CertificateFree,
    };

    public static string Name(ConsentScope scope) => ByName.First(s => s.Value == scope).Key;
}
