namespace Tracking.Domain.Tests;

public sealed class IdFormatTests
{
    [Theory]
    [InlineData("T07-0000000", true)]
    [InlineData("bt_00066782", true)]
    [InlineData("KB-0419714", true)]
    [InlineData("rec-12.dup", true)]
    [InlineData("", false)]
    [InlineData("-T1", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("T 1", false)]
    [InlineData("T/1", false)]
    [InlineData("T@1", false)]
    [InlineData("이희우", false)]
    [InlineData("T1\u202e", false)]
    [InlineData("T1\r\nSet-Cookie:x", false)]
    public void An_id_is_ascii_letters_digits_and_dashes_dots_underscores_beginning_with_a_letter_or_digit(string id, bool valid)
    {
        Assert.Equal(valid, IdFormat.IsValid(id, IdFormat.TaxpayerId));
        Assert.Equal(valid, IdFormat.Problem("the id", id, IdFormat.TaxpayerId) is null);
    }

    [Fact]
    public void An_id_longer_than_its_kind_allows_is_refused_and_the_limit_is_said()
    {
        Assert.True(IdFormat.IsValid(new string('9', IdFormat.TaxpayerId), IdFormat.TaxpayerId));
        Assert.Contains("at most 40", IdFormat.Problem("a taxpayer id", new string('9', IdFormat.TaxpayerId + 1), IdFormat.TaxpayerId));
    }

    [Theory]
    [InlineData("T07-0000000@upbit/UP000087116", true)]
    [InlineData("T07-0000000@upbit/", false)]
    [InlineData("@upbit/UP1", false)]
    [InlineData("T07-0000000/upbit@UP1", false)]
    [InlineData("T07-0000000@up bit/UP1", false)]
    [InlineData("T07-0000000@upbit/UP1/2", false)]
    [InlineData("T07-0000000@upbit@x/UP1", false)]
    public void A_case_id_is_taxpayer_at_exchange_slash_account(string caseId, bool valid)
    {
        Assert.Equal(valid, IdFormat.IsCaseId(caseId));
    }
}
