using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OrleansHall.Customer;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>One customer: tags, consent by scope, face enrolment, the ID held, appointments, visits and recommendations.</summary>
public sealed partial class CustomerPage
{
    private const long MaxPhotoBytes = 4 * 1024 * 1024;

    private CustomerRow? _row;
    private ImmutableArray<Visit> _visits = [];
    private ImmutableArray<Appointment> _appointments = [];
    private ImmutableArray<Recommendation> _recommendations = [];
    private ImmutableArray<TagSuggestion> _suggestions = [];
    private ImmutableArray<string> _businessTypes = [];
    private string? _notice;
    private string _newTag = "";
    private string _bookAt = "";
    private string _bookBusiness = "";
    private string _bookManager = "";
    private string _eraseConfirm = "";
    private ErasureReport? _erased;

    [Parameter]
    public string CustomerId { get; set; } = "";

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    protected override ConsoleAction Needs => ConsoleAction.ViewCustomers;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs()
        => [new(L["CustomersTitle"], $"{HallLink}/customers"), new(CustomerId, null, disabled: true)];

    protected override async Task LoadAsync()
    {
        _businessTypes = await Customers.GetBusinessTypesAsync(HallId);
        _bookBusiness = _businessTypes.FirstOrDefault() ?? "";
        await LoadCustomerAsync();
    }

    private async Task LoadCustomerAsync()
    {
        // The customer must belong to the hall in the URL, which the user may see: hall A's manager never reads hall B's
        // customers by typing their id. Unknown and elsewhere read the same, so the page does not tell which ids exist.
        _row = await Customers.RowInHallAsync(CustomerId, HallId)
            ?? throw new InvalidOperationException(L["CustomerNotInHall", CustomerId, HallId]);
        _visits = await Customers.GetVisitsAsync(CustomerId);
        _appointments = await Customers.GetAppointmentsAsync(CustomerId);
        _recommendations = await Customers.GetRecommendationsAsync(CustomerId);
        _suggestions = await Customers.GetTagSuggestionsAsync(CustomerId);
    }

    /// <summary>Runs an action; the grain's refusal (what was wrong) is shown, and the page reloads what changed.</summary>
    private async Task RunAsync(ConsoleAction needs, Func<Task> action, string done)
    {
        (Error, _notice) = (null, null);
        await GuardAsync(needs, async () =>
        {
            await action();
            _notice = done;
            await LoadCustomerAsync();
        });
    }

    private Task AddTagAsync()
    {
        var tag = _newTag.Trim();
        _newTag = "";
        return RunAsync(ConsoleAction.EditCustomers, () => Customers.SetTagAsync(CustomerId, tag, true), L["TagAdded", tag]);
    }

    private Task EnrolAsync(InputFileChangeEventArgs e) => RunAsync(ConsoleAction.EnrolFace, async () =>
    {
        if (e.File.Size > MaxPhotoBytes)
        {
            throw new InvalidOperationException(L["PhotoTooLarge", e.File.Name, MaxPhotoBytes / 1024 / 1024]);
        }

        using var buffer = new MemoryStream();
        await e.File.OpenReadStream(MaxPhotoBytes).CopyToAsync(buffer);
        await Customers.EnrolAsync(CustomerId, buffer.ToArray(), Who);
    }, L["FaceEnrolledNotice"]);

    private Task BookAsync() => RunAsync(ConsoleAction.EditCustomers, async () =>
    {
        if (!DateTime.TryParseExact(_bookAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new InvalidOperationException(L["BookNeedsTime"]);
        }

        await Customers.BookAsync(CustomerId, HallId, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Local)), _bookBusiness,
            string.IsNullOrWhiteSpace(_bookManager) ? null : _bookManager.Trim(), Who);
    }, L["Booked"]);

    /// <summary>The customer's erasure request: confirmed by typing their id; afterwards the page shows only what was removed.</summary>
    private async Task EraseAsync()
    {
        (Error, _notice) = (null, null);
        await GuardAsync(ConsoleAction.EraseCustomer, async () =>
        {
            if (_eraseConfirm.Trim() != CustomerId)
            {
                throw new InvalidOperationException(L["EraseNeedsId", CustomerId]);
            }

            _erased = await Customers.EraseAsync(CustomerId, HallId, Who);
            _row = null;
        });
    }

    private string Tag(string tag) => L[$"Tag.{tag}"] is { ResourceNotFound: false } known ? known.Value : tag;

    private string Business(string type) => L[$"Business.{type}"] is { ResourceNotFound: false } known ? known.Value : type;

    private string RecommendationTitle(Recommendation r) => L[$"Product.{r.Key}"] is { ResourceNotFound: false } known ? known.Value : r.Title;

    private string RecommendationReason(Recommendation r)
        => L[$"Why.{r.ReasonKey}", Args(r.ReasonArgs)] is { ResourceNotFound: false } known ? known.Value : r.Reason;

    private string SuggestionReason(TagSuggestion s)
        => L[$"Suggest.{s.Tag}", Args(s.ReasonArgs)] is { ResourceNotFound: false } known ? known.Value : s.Reason;

    private static object[] Args(ImmutableArray<string> args) => args.IsDefault ? [] : [.. args];
}
