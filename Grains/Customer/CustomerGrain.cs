using OrleansHall.Grains.Common;
using OrleansHall.Grains.Events;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using OrleansHall.Camera;
using OrleansHall.Gallery;
using OrleansHall.Common;
using OrleansHall.Customer;
using OrleansHall.Hall;

namespace OrleansHall.Grains.Customer;

/// <summary>
/// A customer: profile, visits, and consent by scope. Consent changes are audit events (hall "customer:&lt;id&gt;") that
/// keep who and when. The face template itself lives only in region galleries; this grain remembers which regions
/// hold it, so withdrawing consent or moving to a hall of another region removes it from each, retried (also on the
/// next activation) until every gallery confirms.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState("customer", StorageNames.Grains)] IPersistentState<CustomerState> state,
    IEventLog eventLog,
    [FromKeyedServices(GrainsHostingExtensions.ClockKey)] TimeProvider clock) : Grain, ICustomerGrain, IRemindable
{
    private const string ErasureReminder = "erasure";

    public const int VisitsKept = 50;

    /// <summary>A face smaller than this (its box height in pixels of the photo) is too small to enrol.</summary>
    public const int MinEnrolFacePixels = 80;

    private string CustomerId => this.GetPrimaryKeyString();

    private string AuditHall => Keys.CustomerPrefix + CustomerId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An audit event saved with the state while the log was down is logged before anything else happens.
        await state.FlushAsync(eventLog);
        if (state.State.ErasurePending)
        {
            // An erasure that did not finish last time: finish it now (its reminder would, too).
            await FinishErasureAsync();
        }
        else if (!state.State.RemoveFrom.IsEmpty || state.State.DeleteDocument)
        {
            // A removal that did not finish last time (the gallery or the database was down): finish it now.
            await RemovePendingAsync("system");
        }
    }

    public async Task<ErasureReport> EraseAsync(string requestedBy)
    {
        Keys.Validate(requestedBy, "requested by");
        if (state.State.Erasure is { } underWay && state.State.Profile is null)
        {
            // Asked again (a retry after a fault, or twice): finish what is left and answer the same.
            if (state.State.ErasurePending)
            {
                await FinishErasureAsync();
            }

            return underWay;
        }

        var profile = Profile();
        var now = clock.GetUtcNow();
        var region = await RegionAsync(profile);
        var document = await GrainFactory.GetGrain<OrleansHall.Identity.IIdentityDocumentGrain>(CustomerId).GetStatusAsync();
        var halls = state.State.Visits.Select(v => v.HallId).Concat(state.State.Appointments.Select(a => a.HallId)).Append(profile.HomeHallId).ToImmutableSortedSet();
        var report = new ErasureReport(CustomerId, now, state.State.Visits.Length, state.State.Appointments.Length, state.State.Scopes.Count,
            !state.State.EnrolledIn.IsEmpty, document.Held, halls.Count);
        // A reminder first, so an erasure cut short by a fault or a crash is finished even if nobody asks again.
        await this.RegisterOrUpdateReminder(ErasureReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        // Durable next: the audit of the erasure, and what it still owes. The profile, history and consents go now.
        await state.ApplyAsync(new CustomerState
            {
                Journal = state.State.Journal,
                EnrolledIn = state.State.EnrolledIn,
                RemoveFrom = state.State.RemoveFrom.Union(state.State.EnrolledIn).Add(region),
                DeleteDocument = true,
                ForgetIn = halls,
                ForgetStaff = [.. state.State.Appointments.Select(a => a.AccountManagerId).OfType<string>()],
                ErasedBy = requestedBy,
                Erasure = report,
            },
            EventFactory.Create(Guid.NewGuid(), AuditHall, "customer-erased", CustomerId, now,
                new { By = requestedBy, report.Visits, report.Appointments, report.Consents, report.FaceTemplate, report.IdDocument, report.Halls }),
            eventLog, this);
        await FinishErasureAsync();
        return report;
    }

    /// <summary>
    /// The removals an erasure owes, each saved as done; in the end the grain keeps only the erasure report. The handhelds
    /// are told by this grain, not by the halls, since staff call their hall and a hall waiting on staff could deadlock.
    /// </summary>
    private async Task FinishErasureAsync()
    {
        await RemovePendingAsync(state.State.ErasedBy!);
        foreach (var hall in state.State.ForgetIn)
        {
            var holders = await GrainFactory.GetGrain<IHallGrain>(hall).ForgetCustomerAsync(CustomerId);
            await GrainFactory.GetGrain<ICustomerDirectoryGrain>(hall).RemoveAsync(CustomerId);
            await state.SaveAsync(state.State with { ForgetIn = state.State.ForgetIn.Remove(hall), ForgetStaff = state.State.ForgetStaff.Union(holders) }, this);
        }

        foreach (var staff in state.State.ForgetStaff)
        {
            await GrainFactory.GetGrain<OrleansHall.Staff.IStaffGrain>(staff).ForgetCustomerAsync(CustomerId);
            await state.SaveAsync(state.State with { ForgetStaff = state.State.ForgetStaff.Remove(staff) }, this);
        }

        await state.SaveAsync(new CustomerState { Journal = state.State.Journal, Erasure = state.State.Erasure }, this);
        if (await this.GetReminder(ErasureReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ErasureReminder)
        {
            return;
        }

        if (state.State.ErasurePending)
        {
            await FinishErasureAsync();
        }
        else if (await this.GetReminder(ErasureReminder) is { } done)
        {
            await this.UnregisterReminder(done);
        }
    }

    public async Task RegisterAsync(string name, string homeHallId, ImmutableSortedSet<string> tags)
    {
        Keys.Validate(CustomerId, "customer id");
        if (state.State.ErasurePending)
        {
            // The id comes back (a new registration after an erasure): the erasure finishes first, so nothing of the new
            // customer is swept away by it later.
            await FinishErasureAsync();
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new RejectedRequestException($"Customer name '{name}' must be 1-100 characters.");
        }

        foreach (var tag in tags)
        {
            Keys.Validate(tag, "tag");
        }

        if (!await GrainFactory.GetGrain<IHallGrain>(homeHallId).ExistsAsync())
        {
            throw new UnknownEntityException("hall", homeHallId);
        }

        var region = (await GrainFactory.GetGrain<IHallGrain>(homeHallId).GetConfigAsync()).RegionId;
        var previousHall = state.State.Profile?.HomeHallId;
        // Moving to a hall of another region: the old region's gallery must not keep the template (enrol again there).
        var stale = state.State.EnrolledIn.Where(r => r != region).ToImmutableSortedSet();
        await state.SaveAsync(state.State with
        {
            Profile = new CustomerProfile(CustomerId, name.Trim(), homeHallId, tags),
            RemoveFrom = state.State.RemoveFrom.Union(stale),
        }, this);
        await RemovePendingAsync("system");
        await GrainFactory.GetGrain<ICustomerDirectoryGrain>(homeHallId).AddAsync(CustomerId);
        if (previousHall is not null && previousHall != homeHallId)
        {
            await GrainFactory.GetGrain<ICustomerDirectoryGrain>(previousHall).RemoveAsync(CustomerId);
        }
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Profile is not null);

    public async Task HomeHallMovedAsync(string hallId, string regionId)
    {
        if (state.State.Profile?.HomeHallId != hallId)
        {
            return;
        }

        var stale = state.State.EnrolledIn.Where(r => r != regionId).ToImmutableSortedSet();
        if (!stale.IsEmpty)
        {
            await state.SaveAsync(state.State with { RemoveFrom = state.State.RemoveFrom.Union(stale) }, this);
        }

        await RemovePendingAsync("system");
    }

    public Task<CustomerProfile> GetProfileAsync() => Task.FromResult(Profile());

    public async Task SetTagAsync(string tag, bool present)
    {
        Keys.Validate(tag, "tag");
        var profile = Profile();
        var tags = present ? profile.Tags.Add(tag) : profile.Tags.Remove(tag);
        await state.SaveAsync(state.State with { Profile = profile with { Tags = tags } }, this);
    }

    public async Task RecordVisitAsync(Visit visit)
    {
        Profile();
        if (visit.EventId is { } id && state.State.Visits.Any(v => v.EventId == id))
        {
            return;
        }

        // Newest first by time, so a late retry of an older reading lands where it belongs.
        var at = state.State.Visits.TakeWhile(v => v.At > visit.At).Count();
        var visits = state.State.Visits.Insert(at, visit);
        await state.SaveAsync(state.State with { Visits = visits.Length > VisitsKept ? visits.RemoveAt(visits.Length - 1) : visits }, this);
    }

    public async Task RecordWaitAsync(string hallId, string ticketNumber, DateTimeOffset issuedAt, TimeSpan wait)
    {
        if (state.State.Profile is null)
        {
            return;
        }

        var visitsNow = state.State.Visits;
        var index = Enumerable.Range(0, visitsNow.Length)
            .FirstOrDefault(i => visitsNow[i] is { Kind: VisitKind.Ticket } v && v.HallId == hallId && v.TicketNumber == ticketNumber && v.At == issuedAt, -1);
        if (index < 0 || state.State.Visits[index].Wait == wait)
        {
            return;
        }

        var visits = state.State.Visits.SetItem(index, state.State.Visits[index] with { Wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait });
        await state.SaveAsync(state.State with { Visits = visits }, this);
    }

    public Task<ImmutableArray<TagSuggestion>> GetTagSuggestionsAsync()
        => Task.FromResult(TagAdvisor.Suggest(Profile(), state.State.Visits, clock.GetUtcNow()));

    public Task GrantBiometricConsentAsync(string staffId) => GrantConsentAsync([ConsentScope.Recognition], staffId);

    public Task WithdrawBiometricConsentAsync(string staffId) => WithdrawConsentAsync([ConsentScope.Recognition], staffId);

    public Task<BiometricConsent?> GetBiometricConsentAsync() => Task.FromResult(state.State.Scopes.GetValueOrDefault(ConsentScope.Recognition));

    public Task<ImmutableDictionary<ConsentScope, BiometricConsent>> GetConsentsAsync() => Task.FromResult(state.State.Scopes);

    public async Task GrantConsentAsync(ImmutableArray<ConsentScope> scopes, string staffId)
    {
        Profile();
        Keys.Validate(staffId, "staff id");
        var granted = RequireScopes(scopes, allowEmpty: false);
        var now = clock.GetUtcNow();
        var consents = granted.Aggregate(state.State.Scopes, (c, scope) => c.SetItem(scope, new BiometricConsent(now, staffId)));
        await state.ApplyAsync(state.State with { Consents = consents, Consent = null },
            EventFactory.Create(Guid.NewGuid(), AuditHall, "consent-granted", CustomerId, now, new { Scopes = granted.Select(Name), By = staffId }), eventLog, this);
    }

    public async Task WithdrawConsentAsync(ImmutableArray<ConsentScope> scopes, string staffId)
    {
        Profile();
        Keys.Validate(staffId, "staff id");
        var withdrawn = RequireScopes(scopes, allowEmpty: true);
        if (withdrawn.Count == 0)
        {
            withdrawn = [.. Enum.GetValues<ConsentScope>()];
        }

        var now = clock.GetUtcNow();
        var consents = state.State.Scopes.RemoveRange(withdrawn);
        var removeFrom = withdrawn.Contains(ConsentScope.Recognition)
            ? state.State.RemoveFrom.Union(state.State.EnrolledIn).Add(await RegionAsync(Profile()))
            : state.State.RemoveFrom;
        // Durable first (consent gone, removal owed), then the galleries: a failure there is retried, never forgotten.
        var deleteDocument = state.State.DeleteDocument || withdrawn.Contains(ConsentScope.CertificateFree);
        await state.ApplyAsync(state.State with { Consents = consents, Consent = null, RemoveFrom = removeFrom, DeleteDocument = deleteDocument },
            EventFactory.Create(Guid.NewGuid(), AuditHall, "consent-withdrawn", CustomerId, now, new { Scopes = withdrawn.Select(Name), By = staffId }), eventLog, this);
        await RemovePendingAsync(staffId);
        if (withdrawn.Contains(ConsentScope.Recognition))
        {
            // Halls that may still hold the customer's face in memory: home, and any visited within the dedup window.
            var halls = state.State.Visits.Where(v => now - v.At <= IVisitorLedgerGrain.DedupWindow).Select(v => v.HallId)
                .Append(Profile().HomeHallId).Distinct();
            foreach (var hall in halls)
            {
                await GrainFactory.GetGrain<IVisitorLedgerGrain>(hall).ForgetAsync(CustomerId);
            }
        }
    }

    public async Task EnrolFaceAsync(byte[] photo, string staffId)
    {
        var profile = Profile();
        Keys.Validate(staffId, "staff id");
        if (!state.State.Scopes.ContainsKey(ConsentScope.Recognition))
        {
            throw new RejectedRequestException($"Customer '{CustomerId}' has not consented to face recognition: record consent before enrolling a face.");
        }

        var faces = await GrainFactory.GetGrain<IVisionPool>(0).AnalyzeFacesAsync(photo);
        var face = faces.Faces.Length switch
        {
            0 => throw new RejectedRequestException($"No face found in the {faces.Width}x{faces.Height} photo for customer '{CustomerId}': take a photo of the customer facing the camera."),
            > 1 => throw new RejectedRequestException($"{faces.Faces.Length} faces found in the photo for customer '{CustomerId}': enrol from a photo of the customer alone."),
            _ => faces.Faces[0],
        };
        if (face.Height < MinEnrolFacePixels)
        {
            throw new RejectedRequestException($"The face in the photo is {face.Height} px tall; at least {MinEnrolFacePixels} px are needed: take the photo closer.");
        }

        var region = await RegionAsync(profile);
        var wasEnrolled = state.State.EnrolledIn.Contains(region);
        // Remembered before the gallery holds it, so a withdrawal always knows where to remove it from.
        await state.SaveAsync(state.State with { EnrolledIn = state.State.EnrolledIn.Add(region), RemoveFrom = state.State.RemoveFrom.Remove(region) }, this);
        try
        {
            // The template goes straight to the sealed gallery; the customer's own state never holds it.
            await GrainFactory.GetGrain<IFaceGalleryGrain>(region).EnrolAsync(CustomerId, face.Template, staffId);
        }
        catch (RejectedRequestException) when (!wasEnrolled)
        {
            // Refused (the face is someone else's): the gallery holds nothing of this customer.
            await state.SaveAsync(state.State with { EnrolledIn = state.State.EnrolledIn.Remove(region) }, this);
            throw;
        }
    }

    /// <summary>Removes the template from every gallery that still owes a removal, saving after each; deletes the ID document if owed.</summary>
    private async Task RemovePendingAsync(string actor)
    {
        if (state.State.DeleteDocument)
        {
            await GrainFactory.GetGrain<OrleansHall.Identity.IIdentityDocumentGrain>(CustomerId).DeleteAsync(actor);
            await state.SaveAsync(state.State with { DeleteDocument = false }, this);
        }

        foreach (var region in state.State.RemoveFrom)
        {
            await GrainFactory.GetGrain<IFaceGalleryGrain>(region).RemoveAsync(CustomerId, actor);
            await state.SaveAsync(state.State with { RemoveFrom = state.State.RemoveFrom.Remove(region), EnrolledIn = state.State.EnrolledIn.Remove(region) }, this);
        }
    }

    private static List<ConsentScope> RequireScopes(ImmutableArray<ConsentScope> scopes, bool allowEmpty)
    {
        var list = scopes.IsDefault ? [] : scopes.Distinct().ToList();
        if (list.Any(s => !Enum.IsDefined(s)))
        {
            throw new RejectedRequestException($"Unknown consent scope: expected {string.Join(", ", Enum.GetValues<ConsentScope>().Select(Name))}.");
        }

        if (list.Count == 0 && !allowEmpty)
        {
            throw new RejectedRequestException($"Name at least one consent scope: {string.Join(", ", Enum.GetValues<ConsentScope>().Select(Name))}.");
        }

        return list;
    }

    private static string Name(ConsentScope scope) => ConsentScopes.Name(scope);

    public Task<ImmutableArray<Visit>> GetVisitsAsync() => Task.FromResult(state.State.Visits);

    public const int AppointmentsKept = 20;

    public async Task<Appointment> AddAppointmentAsync(string hallId, DateTimeOffset at, string businessType, string? accountManagerId, string bookedBy)
    {
        Profile();
        Keys.Validate(hallId, "hall id");
        Keys.Validate(bookedBy, "booked by");
        var hall = GrainFactory.GetGrain<IHallGrain>(hallId);
        if (!await hall.ExistsAsync())
        {
            throw new UnknownEntityException("hall", hallId);
        }

        var config = await hall.GetConfigAsync();
        if (!config.BusinessTypes.Contains(businessType))
        {
            throw new RejectedRequestException($"Hall '{hallId}' does not handle '{LogText.Clean(businessType)}'; it handles {string.Join(", ", config.BusinessTypes)}.");
        }

        var now = clock.GetUtcNow();
        if (at < now.AddHours(-1) || at > now.AddYears(1))
        {
            throw new RejectedRequestException($"An appointment at {at:yyyy-MM-dd HH:mm} is more than an hour past or a year ahead (now {now:yyyy-MM-dd HH:mm}).");
        }

        if (accountManagerId is not null)
        {
            Keys.Validate(accountManagerId, "account manager id");
            var manager = await GrainFactory.GetGrain<OrleansHall.Staff.IStaffGrain>(accountManagerId).GetProfileAsync();
            if (manager.HallId != hallId)
            {
                throw new RejectedRequestException($"Staff member '{accountManagerId}' works at hall '{manager.HallId}', not '{hallId}'.");
            }
        }

        var appointment = new Appointment(Guid.NewGuid(), hallId, at, businessType, accountManagerId, now, bookedBy);
        var kept = Current(state.State.Appointments.Add(appointment), now);
        if (kept.Length > AppointmentsKept)
        {
            throw new RejectedRequestException($"Customer '{CustomerId}' already has {AppointmentsKept} appointments booked.");
        }

        await state.ApplyAsync(state.State with { Appointments = kept },
            EventFactory.Create(appointment.Id, AuditHall, "appointment-booked", CustomerId, now, new { appointment.At, appointment.BusinessType, appointment.AccountManagerId, HallId = hallId, By = bookedBy }), eventLog, this);
        return appointment;
    }

    public Task<bool> IsEnrolledAsync() => Task.FromResult(!state.State.EnrolledIn.IsEmpty);

    public Task<ImmutableArray<Recommendation>> GetRecommendationsAsync() => Task.FromResult(Recommender.For(Profile(), state.State.Visits));

    public Task<ImmutableArray<Appointment>> GetAppointmentsAsync() => Task.FromResult(Current(state.State.Appointments, clock.GetUtcNow()));

    private static ImmutableArray<Appointment> Current(ImmutableArray<Appointment> appointments, DateTimeOffset now)
        => [.. appointments.Where(a => a.At > now.AddDays(-1)).OrderBy(a => a.At)];

    private async Task<string> RegionAsync(CustomerProfile profile)
        => (await GrainFactory.GetGrain<IHallGrain>(profile.HomeHallId).GetConfigAsync()).RegionId;

    private CustomerProfile Profile() => state.State.Profile ?? throw new UnknownEntityException("customer", CustomerId);
}
