using System.Security.Cryptography.X509Certificates;

namespace OrleansHall.Security;

/// <summary>What a cluster certificate says its holder is (see <c>deploy/pki.sh</c>).</summary>
public enum ClusterRole
{
    /// <summary>A silo: may join the cluster and serve gateways.</summary>
    Silo,

    /// <summary>The Blazor console: acts for its signed-in users.</summary>
    Console,

    /// <summary>An administrator's <c>hallctl</c> (and the region simulator of <c>./run.sh</c>).</summary>
    Admin,

    /// <summary>One device of one hall: a kiosk, a sensor, a camera, an ID-card reader, a handheld.</summary>
    Device,
}

/// <summary>
/// The identity a cluster certificate carries in its subject: <c>OU</c> the role, <c>CN</c> the name (a device id for a
/// device), and for a device <c>L</c> its hall and <c>title</c> its kind. Issued by <c>deploy/pki.sh</c>, for example
/// <c>/O=OrleansHall/OU=device/L=zhenhai/title=Kiosk/CN=kiosk-1</c>.
/// </summary>
public sealed record ClusterIdentity(ClusterRole Role, string Name, string? HallId = null, string? DeviceKind = null)
{
    private const string CommonName = "2.5.4.3";
    private const string OrganizationalUnit = "2.5.4.11";
    private const string Locality = "2.5.4.7";
    private const string Title = "2.5.4.12";

    /// <summary>The identity in a certificate's subject, or null with the reason when the subject is not one.</summary>
    public static (ClusterIdentity? Identity, string? Problem) Of(X509Certificate2 certificate)
    {
        string? Part(string oid) => certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == oid)
            .Select(rdn => rdn.GetSingleElementValue())
            .FirstOrDefault();

        var role = Part(OrganizationalUnit);
        var name = Part(CommonName);
        if (string.IsNullOrWhiteSpace(name) || !Enum.TryParse<ClusterRole>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return (null, $"subject '{certificate.Subject}' names no OrleansHall role (OU=silo, console, admin or device) and name (CN)");
        }

        if (parsed == ClusterRole.Device && (string.IsNullOrWhiteSpace(Part(Locality)) || string.IsNullOrWhiteSpace(Part(Title))))
        {
            return (null, $"device certificate '{certificate.Subject}' names no hall (L) or device kind (title)");
        }

        return (new ClusterIdentity(parsed, name, Part(Locality), Part(Title)), null);
    }

    public override string ToString() => Role == ClusterRole.Device ? $"device {HallId}/{Name} ({DeviceKind})" : $"{Role.ToString().ToLowerInvariant()} {Name}";
}
