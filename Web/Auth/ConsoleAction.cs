namespace OrleansHall.Web.Auth;

/// <summary>What a console user does in a hall; <see cref="ConsoleAccess"/> says which roles may.</summary>
public enum ConsoleAction
{
    /// <summary>The hall's live view: occupancy, queue, alerts, strategy cards, devices, reports, staffing, visitor make-up.</summary>
    ViewHall,

    /// <summary>Camera pages and their live frames, with people and faces drawn.</summary>
    ViewCameras,

    /// <summary>Alert rules and thresholds.</summary>
    EditAlertRules,

    /// <summary>Product displays and placement experiments.</summary>
    EditPlacement,

    /// <summary>The hall's customers: profile, tags, visits, appointments, recommendations.</summary>
    ViewCustomers,

    /// <summary>A customer's tags and appointments.</summary>
    EditCustomers,

    /// <summary>Recording or withdrawing a customer's consent.</summary>
    RecordConsent,

    /// <summary>Enrolling a customer's face.</summary>
    EnrolFace,

    /// <summary>The certificate-free counter: verifying a face and releasing the ID document for one transaction.</summary>
    ReleaseIdDocument,

    /// <summary>The certificate-free audit log, read-only.</summary>
    ReadAudit,

    /// <summary>Carrying out a customer's erasure request (PIPL art. 47): everything held about them goes.</summary>
    EraseCustomer,
}
