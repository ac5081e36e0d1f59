using Tracking.Domain.Identity;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Tests;

public sealed class IdentityMatcherTests
{
    private static readonly TaxpayerIdentity s_taxpayer = new("T-1", PersonName.Parse("최연태"), BirthDate.Of(new DateOnly(1963, 6, 21)), "01040510605", "hash-of-rrn");

    private static AccountIdentity Account(string name, string? birth = "1963-06-21", string? phone = "01040510605", string? rrnHash = null) =>
        new("upbit", "A-1", PersonName.Parse(name), birth is null ? null : BirthDate.Of(DateOnly.Parse(birth)), phone, rrnHash);

    [Fact]
    public void Name_birth_and_phone_all_agreeing_is_automatic()
    {
        var candidate = IdentityMatcher.Match(s_taxpayer, Account("최연태"))!;

        Assert.Equal(MatchDecision.Auto, candidate.Decision);
        Assert.Equal(["rrn:missing", "name:exact", "birth:agrees", "phone:agrees"], candidate.Reasons);
    }

    [Fact]
    public void The_same_rrn_is_automatic_even_with_a_romanized_name_and_a_new_phone()
    {
        var candidate = IdentityMatcher.Match(s_taxpayer, Account("CHOE YEON TAE", phone: "01099998888", rrnHash: "hash-of-rrn"))!;

        Assert.Equal(MatchDecision.Auto, candidate.Decision);
        Assert.Contains("rrn:agrees", candidate.Reasons);
    }

    [Fact]
    public void A_namesake_born_the_same_day_with_another_phone_is_never_automatic()
    {
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(s_taxpayer, Account("최연태", phone: "01012345678"))!.Decision);
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(s_taxpayer, Account("최연태", phone: null))!.Decision);
    }

    [Fact]
    public void A_namesake_born_the_same_day_whose_rrn_differs_is_at_most_a_review_candidate()
    {
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(s_taxpayer, Account("최연태", rrnHash: "someone-else"))!.Decision);
        Assert.Null(IdentityMatcher.Match(s_taxpayer, Account("최연태", birth: "1970-01-01", rrnHash: "someone-else")));
    }

    [Fact]
    public void A_stranger_on_a_recycled_phone_number_is_not_a_candidate() =>
        Assert.Null(IdentityMatcher.Match(s_taxpayer, Account("조은아", birth: "1961-08-09")));

    [Fact]
    public void A_relative_using_the_taxpayers_phone_is_not_a_candidate_unless_born_the_same_day_and_then_only_for_a_person_to_look_at()
    {
        Assert.Null(IdentityMatcher.Match(s_taxpayer, Account("최준수", birth: "1990-04-24")));

        // Same phone, same birth date, another name: a twin, or the taxpayer under a nickname or a new name.
        var sameDay = IdentityMatcher.Match(s_taxpayer, Account("김영희", birth: "1963-06-21"))!;
        Assert.Equal(MatchDecision.Review, sameDay.Decision);
        Assert.Contains("name:differs", sameDay.Reasons);
    }

    [Fact]
    public void A_twin_one_jamo_apart_on_the_shared_phone_is_only_a_review_candidate() =>
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(s_taxpayer, Account("최연대"))!.Decision);

    [Fact]
    public void A_typo_in_the_name_needs_a_person_to_look()
    {
        var candidate = IdentityMatcher.Match(s_taxpayer, Account("쵤연태"))!;
        Assert.Equal(MatchDecision.Review, candidate.Decision);
        Assert.Contains("name:near", candidate.Reasons);
    }

    [Fact]
    public void A_matching_rrn_with_a_contradicting_name_goes_to_review() =>
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(s_taxpayer, Account("김철수", rrnHash: "hash-of-rrn"))!.Decision);

    [Theory]
    [InlineData(null, "01040510605")]
    [InlineData("1963-06-12", "01040510605")]
    [InlineData("1963-06-21", null)]
    public void The_same_name_with_one_field_missing_or_off_by_a_typo_is_review(string? birth, string? phone) =>
        Assert.Equal(MatchDecision.Review, IdentityMatcher.Match(s_taxpayer, Account("최연태", birth, phone))!.Decision);

    [Fact]
    public void Every_combination_of_evidence_is_auto_only_on_rrn_or_on_name_birth_and_phone()
    {
        foreach (var rrn in Enum.GetValues<Agreement>().Where(a => a != Agreement.Near))
        {
            foreach (var name in Enum.GetValues<NameAgreement>())
            {
                foreach (var birth in Enum.GetValues<Agreement>())
                {
                    foreach (var phone in Enum.GetValues<Agreement>().Where(a => a != Agreement.Near))
                    {
                        var evidence = new MatchEvidence(rrn, name, birth, phone);
                        var decision = IdentityMatcher.Decide(evidence);
                        var nameSame = name is NameAgreement.Exact or NameAgreement.Romanized;
                        var strong = (rrn == Agreement.Agrees && (nameSame || name == NameAgreement.Near) && birth != Agreement.Differs)
                            || (rrn == Agreement.Missing && nameSame && birth == Agreement.Agrees && phone == Agreement.Agrees);
                        Assert.True((decision == MatchDecision.Auto) == strong, $"{evidence} → {decision}");
                        var nameDiffers = name is NameAgreement.Partial or NameAgreement.Differs;
                        var nameAloneDiffers = rrn == Agreement.Missing && nameDiffers && birth == Agreement.Agrees && phone == Agreement.Agrees;
                        if (nameAloneDiffers)
                        {
                            Assert.Equal(MatchDecision.Review, decision);
                        }
                        else if ((rrn == Agreement.Differs && birth != Agreement.Agrees) || (nameDiffers && rrn != Agreement.Agrees))
                        {
                            Assert.Null(decision);
                        }

                        Assert.InRange(IdentityMatcher.Score(evidence), 0, 100);
                    }
                }
            }
        }
    }

    [Fact]
    public void Blocking_keys_bring_together_every_pair_the_matcher_could_accept()
    {
        var accounts = new[]
        {
            Account("최연태"),
            Account("CHOE YEON TAE", phone: null),
            Account("YEONTAE CHOI", phone: null),
            Account("쵤연태", phone: null),
            Account("최연태", birth: null),
            Account("X", birth: null, phone: null, rrnHash: "hash-of-rrn"),
        };
        var finder = new CandidateFinder([s_taxpayer]);

        foreach (var account in accounts)
        {
            Assert.Single(finder.Find(account));
        }
    }

    [Fact]
    public void A_latin_name_meets_its_account_when_the_birth_date_is_mistyped_or_missing()
    {
        var taxpayer = new TaxpayerIdentity("T-2", PersonName.Parse("John Smith"), BirthDate.Of(new DateOnly(1980, 1, 2)), null, null);
        var finder = new CandidateFinder([taxpayer]);
        AccountIdentity Latin(string name, DateOnly? birth) => new("upbit", "A-2", PersonName.Parse(name), birth is { } b ? BirthDate.Of(b) : null, null, null);

        Assert.Equal(MatchDecision.Review, Assert.Single(finder.Find(Latin("SMITH JOHN", new DateOnly(1980, 1, 12)))).Decision);
        Assert.Equal(MatchDecision.Review, Assert.Single(finder.Find(Latin("JOHN SMITH", new DateOnly(1981, 1, 2)))).Decision);
        Assert.Equal(MatchDecision.Review, Assert.Single(finder.Find(Latin("JOHN SMITH", new DateOnly(1980, 2, 1)))).Decision);

        Assert.Equal(1, Compared(finder, Latin("SMITH JOHN", null)));
    }

    [Fact]
    public void A_latin_namesake_born_in_another_year_on_another_day_is_not_compared()
    {
        var finder = new CandidateFinder([new TaxpayerIdentity("T-2", PersonName.Parse("John Smith"), BirthDate.Of(new DateOnly(1980, 1, 2)), null, null)]);

        Assert.Equal(0, Compared(finder, new AccountIdentity("upbit", "A-2", PersonName.Parse("JOHN SMITH"), BirthDate.Of(new DateOnly(1975, 7, 30)), null, null)));
    }

    [Fact]
    public void Every_key_is_made_by_a_known_rule()
    {
        var taxpayers = new[] { s_taxpayer, new TaxpayerIdentity("T-2", PersonName.Parse("John Smith"), BirthDate.Of(new DateOnly(1980, 1, 2)), "01012345678", "hash") };
        var accounts = new[] { Account("최연태"), Account("CHOE YEON TAE"), Account("JOHN SMITH", birth: null), Account("X", birth: null, phone: null, rrnHash: "hash") };

        Assert.All(taxpayers.SelectMany(BlockingKeys.For).Concat(accounts.SelectMany(BlockingKeys.For)), key => Assert.Contains(BlockingKeys.RuleOf(key), BlockingRule.All));
    }

    [Fact]
    public void A_hangul_taxpayer_meets_no_account_on_the_name_alone()
    {
        var finder = new CandidateFinder([s_taxpayer]);

        Assert.Equal(0, Compared(finder, Account("CHOE YEON TAE", birth: null, phone: "01099998888")));
        Assert.Equal(0, Compared(finder, Account("CHOE YEON TAE", birth: "1971-06-21", phone: "01099998888")));
        Assert.Equal(0, Compared(finder, Account("최연태", birth: null, phone: "01099998888")));
    }

    [Fact]
    public void A_seizure_s_basis_reads_the_evidence_in_english_and_in_korean()
    {
        var candidate = IdentityMatcher.Match(s_taxpayer, Account("최연태"))!;

        var automatic = MatchBasis.Automatic(candidate);
        var approved = MatchBasis.Approved(candidate with { Decision = MatchDecision.Review }, "lee", "same address");

        Assert.Equal("automatic match: rrn:missing, name:exact, birth:agrees, phone:agrees", automatic.English);
        Assert.Equal("자동 일치: 주민등록번호 한쪽 없음, 이름 일치, 생년월일 일치, 전화번호 일치", automatic.Korean);
        Assert.Equal($"review candidate (score {candidate.Score}: rrn:missing, name:exact, birth:agrees, phone:agrees) approved by lee: same address", approved.English);
        Assert.Equal($"검토 후보 (점수 {candidate.Score}: 주민등록번호 한쪽 없음, 이름 일치, 생년월일 일치, 전화번호 일치) lee 승인: same address", approved.Korean);
    }

    [Fact]
    public void Each_pair_is_compared_once_however_many_keys_it_shares()
    {
        var finder = new CandidateFinder([s_taxpayer]);
        Assert.Single(finder.Find(Account("최연태", rrnHash: "hash-of-rrn")));
    }

    private static long Compared(CandidateFinder finder, AccountIdentity account) =>
        finder.Sample([account], MatchModelOptions.Default).Compared.Values.Sum();
}
