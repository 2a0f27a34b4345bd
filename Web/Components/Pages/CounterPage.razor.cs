using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
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

    private System.Security.Claims.ClaimsPrincipal _user = new();
    private List<BreadcrumbItem> _breadcrumbs = [];
    private string _customerId = "";
    private string _purpose = "";
    private byte[]? _photo;
    private VerificationResult? _result;
    private string? _error;
    private bool _busy;
    private bool _forbidden;

    [Parameter]
    public string HallId { get; set; } = "";

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _breadcrumbs = [new(L["RegionTitle"], "/"), new(HallId, $"halls/{HallId}"), new(L["CounterTitle"], null, disabled: true)];
        _forbidden = !_user.CanSeeHall(HallId);
        _purpose = L["DefaultPurpose"];
    }

    private async Task PhotoChosenAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        _result = null;
        if (e.File.Size > MaxPhotoBytes)
        {
            _photo = null;
            _error = L["PhotoTooLarge", e.File.Name, MaxPhotoBytes / 1024 / 1024];
            return;
        }

        using var buffer = new MemoryStream();
        await e.File.OpenReadStream(MaxPhotoBytes).CopyToAsync(buffer);
        _photo = buffer.ToArray();
    }

    private async Task VerifyAsync()
    {
        _error = null;
        _result = null;
        _busy = true;
        try
        {
            var id = _customerId.Trim();
            if (!OrleansHall.Common.Keys.IsValid(id) || !await Customers.ExistsAsync(id))
            {
                _error = L["UnknownCustomer", id];
                return;
            }

            _result = await Customers.VerifyAsync(id, HallId, _user.Identity?.Name ?? "console", _purpose, _photo!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
