using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using OrleansHall.Identity;
using OrleansHall.Web.Auth;
using OrleansHall.Web.Services;

namespace OrleansHall.Web.Components.Pages;

/// <summary>
/// The counter's certificate-free screen: the clerk names the customer and the reason, the counter camera's photo is
/// verified against the face held, and on success the document is shown (number masked) for this one transaction.
/// </summary>
public sealed partial class CounterPage
{
    private const long MaxPhotoBytes = 8 * 1024 * 1024;

    private string _customerId = "";
    private string _purpose = "";
    private byte[]? _photo;
    private VerificationResult? _result;
    private bool _busy;

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    protected override ConsoleAction Needs => ConsoleAction.ReleaseIdDocument;

    protected override IEnumerable<BreadcrumbItem> PageCrumbs() => [new(L["CounterTitle"], null, disabled: true)];

    protected override Task LoadAsync()
    {
        _purpose = L["DefaultPurpose"];
        return Task.CompletedTask;
    }

    private async Task PhotoChosenAsync(InputFileChangeEventArgs e)
    {
        Error = null;
        _result = null;
        if (e.File.Size > MaxPhotoBytes)
        {
            _photo = null;
            Error = L["PhotoTooLarge", e.File.Name, MaxPhotoBytes / 1024 / 1024];
            return;
        }

        using var buffer = new MemoryStream();
        await e.File.OpenReadStream(MaxPhotoBytes).CopyToAsync(buffer);
        _photo = buffer.ToArray();
    }

    private async Task VerifyAsync()
    {
        (Error, _result, _busy) = (null, null, true);
        await GuardAsync(ConsoleAction.ReleaseIdDocument, async () =>
        {
            var id = _customerId.Trim();
            if (!OrleansHall.Common.Keys.IsValid(id) || !await Customers.ExistsAsync(id))
            {
                Error = L["UnknownCustomer", id];
                return;
            }

            _result = await Customers.VerifyAsync(id, HallId, Who, _purpose, _photo!);
        });
        _busy = false;
    }
}
