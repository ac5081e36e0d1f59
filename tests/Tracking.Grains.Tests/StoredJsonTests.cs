using Tracking.Domain.Accounts;
using Tracking.Domain.Identity;
using Tracking.Grains.Persistence;

namespace Tracking.Grains.Tests;

/// <summary>The JSON grains are stored in: what the domain keeps and nothing worked out from it, names as written.</summary>
public sealed class StoredJsonTests
{
    // An account as stored before: its birth date's digits beside its four numbers, its holder's name in \u escapes.
    private const string StoredBefore = """{"Exchange":"bithumb","AccountId":"bt_00000001","Profile":{"Exchange":"bithumb","AccountId":"bt_00000001","Name":"\uBC15\uC6B0\uB3C4","Birth":{"Century":null,"YearOfCentury":40,"Month":1,"Day":22,"Digits":"400122","Yymmdd":"400122"},"Phone":"01048599350","RrnHash":null,"RrnMasked":null,"Holdings":[{"Asset":"BTC","Total":60.54374504,"Locked":0}]}}""";

    [Fact]
    public void A_state_stored_before_reads_back_the_same_and_is_written_with_the_birth_date_s_numbers_alone_and_the_name_as_it_is()
    {
        var account = GrainStateJson.DeserializeState<ExchangeAccount>(StoredBefore);

        Assert.Equal(new BirthDate(null, 40, 1, 22), account.Profile!.Birth);
        Assert.Equal("박우도", account.Profile.Name);
        Assert.Equal(
            """{"Exchange":"bithumb","AccountId":"bt_00000001","Profile":{"Exchange":"bithumb","AccountId":"bt_00000001","Name":"박우도","Birth":{"Century":null,"YearOfCentury":40,"Month":1,"Day":22},"Phone":"01048599350","RrnHash":null,"RrnMasked":null,"Holdings":[{"Asset":"BTC","Total":60.54374504,"Locked":0}]}}""",
            GrainStateJson.SerializeState(account));
    }

    [Fact]
    public void Characters_HTML_gives_meaning_to_are_still_written_escaped()
    {
        var account = new ExchangeAccount("upbit", "u1", new AccountProfile("upbit", "u1", "<b>김'&\"</b>", BirthDate.Of(new DateOnly(1980, 2, 3)), null, null, null, []));

        var json = GrainStateJson.SerializeState(account);

        Assert.Contains("""\u003Cb\u003E김\u0027\u0026\u0022\u003C/b\u003E""", json, StringComparison.Ordinal);
        Assert.Contains("""{"Century":19,"YearOfCentury":80,"Month":2,"Day":3}""", json, StringComparison.Ordinal);
        Assert.Equal(account.Profile!.Name, GrainStateJson.DeserializeState<ExchangeAccount>(json).Profile!.Name);
    }

    [Fact]
    public void A_state_kept_as_its_events_is_made_from_them_and_one_without_them_is_refused()
    {
        var profile = new AccountProfile("upbit", "u1", "김철수", BirthDate.Of(new DateOnly(1980, 2, 3)), "01012345678", null, null, [new Holding("BTC", 1.5m, 0)]);
        var made = (IReadOnlyList<AccountEvent> events) => AccountDecider.ApplyAll(ExchangeAccount.Empty("upbit", "u1"), events);
        var created = new Storage.Persistence.StoredState(1, null) { Events = [.. GrainStateJson.SerializeEvents<AccountEvent>([new AccountReported(profile)]).Select(e => e.Json)] };

        Assert.Equal(
            GrainStateJson.SerializeState(made([new AccountReported(profile)])),
            GrainStateJson.SerializeState(GrainStateJson.DeserializeState<ExchangeAccount, AccountEvent>(created, made)));
        Assert.Equal("김철수", GrainStateJson.DeserializeState<ExchangeAccount, AccountEvent>(created, made).Profile!.Name);
        Assert.Throws<System.Text.Json.JsonException>(() => GrainStateJson.DeserializeState<ExchangeAccount, AccountEvent>(created with { Events = [] }, made));
        Assert.Throws<System.Text.Json.JsonException>(() => GrainStateJson.DeserializeState<ExchangeAccount, AccountEvent>(created with { Events = null }, made));
    }
}
