using OrleansHall.Clients.Agents;
using OrleansHall.Clients.Cli;

namespace OrleansHall.Tests.Clients;

public sealed class InputLinesTests
{
    [Theory]
    [InlineData("in 3", 3, 0)]
    [InlineData("out 2", 0, 2)]
    [InlineData("  IN 1   out 4 ", 1, 4)]
    public void Sensor_lines_give_entries_and_exits(string line, int entries, int exits)
    {
        Assert.Equal((entries, exits), InputLines.ParsePassage(line));
    }

    [Theory]
    [InlineData("in", "expected 'in N', 'out N' or 'in N out M', got 'in'")]
    [InlineData("in 0", "expected a count from 1 to 1000, got '0' in 'in 0'")]
    [InlineData("in three", "expected a count from 1 to 1000, got 'three' in 'in three'")]
    [InlineData("sideways 2", "expected 'in N', 'out N' or 'in N out M', got 'sideways 2'")]
    [InlineData("in 2 in 3", "expected 'in N', 'out N' or 'in N out M', got 'in 2 in 3'")]
    [InlineData("out 5000", "expected a count from 1 to 1000, got '5000' in 'out 5000'")]
    public void Bad_sensor_lines_say_what_was_expected(string line, string message)
    {
        var error = Assert.Throws<UsageException>(() => InputLines.ParsePassage(line));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Kiosk_lines_name_usage_tickets_and_faults()
    {
        Assert.Equal(new KioskCommand(KioskCommandKind.Use, "bill-payment", "ok"), InputLines.ParseKiosk("use bill-payment"));
        Assert.Equal(new KioskCommand(KioskCommandKind.Use, "invoice", "fail"), InputLines.ParseKiosk("use invoice fail"));
        Assert.Equal(new KioskCommand(KioskCommandKind.Use, "invoice", "ok", "3302010001"), InputLines.ParseKiosk("use invoice ok 3302010001"));
        Assert.Equal(new KioskCommand(KioskCommandKind.Ticket, "meter-issue", "3302010001"), InputLines.ParseKiosk("ticket meter-issue 3302010001"));
        Assert.Equal(new KioskCommand(KioskCommandKind.Fault, "paper-out", "receipt paper empty"), InputLines.ParseKiosk("fault paper-out receipt paper empty"));
    }

    [Theory]
    [InlineData("use bill-payment maybe", "expected 'ok' or 'fail' after the business type, got 'maybe'")]
    [InlineData("dance", "expected 'use TYPE [ok|fail [CUSTOMER]]'")]
    [InlineData("ticket a b c", "expected 'use TYPE [ok|fail [CUSTOMER]]'")]
    [InlineData("use invoice 3302010001", "expected 'ok' or 'fail' after the business type, got '3302010001'")]
    [InlineData("use invoice ok c1 c2", "expected 'use TYPE [ok|fail [CUSTOMER]]'")]
    public void Bad_kiosk_lines_are_refused_with_the_reason(string line, string start)
    {
        var error = Assert.Throws<UsageException>(() => InputLines.ParseKiosk(line));
        Assert.StartsWith(start, error.Message);
    }
}
