namespace OrleansHall.Customer;

/// <summary>What a customer consents to: being recognised by the hall's cameras, and certificate-free handling (their ID kept).</summary>
public enum ConsentScope
{
    Recognition = 0,
    CertificateFree = 1,
}
