using Tracking.Domain.Identity;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Domain.Matching;

/// <summary>
/// Decides whether an exchange account belongs to a taxpayer. Seizing the wrong person's account
/// is the worst failure there is, so <see cref="MatchDecision.Auto"/> needs either the RRN or all
/// of name, birth date and phone to agree, and nothing to contradict. A namesake born the same day
/// differs in phone (or RRN); a stranger on a recycled number and a relative on the taxpayer's
/// phone differ in name or birth date; a one-jamo name difference may be a twin. None is auto.
/// An RRN that differs never leads to auto: at most a review when name and birth date agree.
/// A name that differs where birth date and phone agree (a nickname, a surname changed on
/// naturalisation, a spelling no fold knows) goes to review: officers would rather look than never know.
/// Beyond these rules, a sweep's learnt weights may send any other pair to review (an RRN that
/// differs included) when the weight says it is more likely the taxpayer than not, and drop a pair
/// the rules send there when the weight says it is more likely not (at national scale, namesakes
/// born the same day and one-jamo neighbours would otherwise drown the queue); weights never make
/// a match automatic.
/// </summary>
public static class IdentityMatcher
{
    /// <summary>
    /// The rules' decision; with a sweep's learnt <paramref name="model"/>, also review for a pair
    /// the rules drop whose weight clears the model's threshold, no review for one the model
    /// dismisses, and every candidate's weight.
    /// </summary>
    public static MatchCandidate? Match(TaxpayerIdentity taxpayer, AccountIdentity account, MatchModel? model = null) =>
        Match(taxpayer, account, MatchEvidence.Between(taxpayer, account), model);

    /// <summary>As <see cref="Match(TaxpayerIdentity, AccountIdentity, MatchModel?)"/>, for a pair whose <paramref name="evidence"/> is already known.</summary>
    public static MatchCandidate? Match(TaxpayerIdentity taxpayer, AccountIdentity account, MatchEvidence evidence, MatchModel? model)
    {
        var name = model?.NameOf(evidence, taxpayer.Name, account.Name);
        var decision = (Decide(evidence), model) switch
        {
            (MatchDecision.Review, { } weights) when weights.Dismisses(evidence, name) => null,
            (null, { } weights) when weights.Reviews(evidence, name) => MatchDecision.Review,
            var (rules, _) => rules,
        };
        return decision is { } decided
            ? new MatchCandidate(taxpayer.TaxpayerId, account.Exchange, account.AccountId, decided, Score(evidence), evidence.Reasons()) { Weight = model?.Weigh(evidence, name) }
            : null;
    }

    /// <summary>Auto, review, or null when the pair is not plausible enough to show anyone.</summary>
    public static MatchDecision? Decide(MatchEvidence evidence)
    {
        var nameSame = evidence.Name is NameAgreement.Exact or NameAgreement.Romanized;
        var nameNear = evidence.Name == NameAgreement.Near;
        if (evidence.Rrn == Agreement.Differs)
        {
            // Another RRN is another person, unless one of the two was mistyped: only a person
            // can tell, and only when name and birth date both say it is the same one.
            return (nameSame || nameNear) && evidence.Birth == Agreement.Agrees ? MatchDecision.Review : null;
        }

        if (evidence.Rrn == Agreement.Agrees)
        {
            return (nameSame || nameNear) && evidence.Birth != Agreement.Differs ? MatchDecision.Auto : MatchDecision.Review;
        }

        if (nameSame && evidence.Birth == Agreement.Agrees && evidence.Phone == Agreement.Agrees)
        {
            return MatchDecision.Auto;
        }

        var plausible =
            (nameSame && (evidence.Birth is Agreement.Agrees or Agreement.Near || evidence.Phone == Agreement.Agrees))
            || (nameNear && (evidence.Birth == Agreement.Agrees || (evidence.Phone == Agreement.Agrees && evidence.Birth != Agreement.Differs)))
            || (evidence.Name is NameAgreement.Missing or NameAgreement.Partial or NameAgreement.Differs && evidence.Birth == Agreement.Agrees && evidence.Phone == Agreement.Agrees);
        return plausible ? MatchDecision.Review : null;
    }

    /// <summary>0–100: how much the evidence says "same person", for ordering the review queue.</summary>
    public static int Score(MatchEvidence evidence)
    {
        var score = evidence.Rrn switch { Agreement.Agrees => 45, Agreement.Differs => -60, _ => 0 };
        score += evidence.Name switch
        {
            NameAgreement.Exact => 30,
            NameAgreement.Romanized => 27,
            NameAgreement.Near => 15,
            NameAgreement.Partial => -10,
            NameAgreement.Differs => -30,
            _ => 0,
        };
        score += evidence.Birth switch { Agreement.Agrees => 25, Agreement.Near => 8, Agreement.Differs => -25, _ => 0 };
        score += evidence.Phone switch { Agreement.Agrees => 20, Agreement.Differs => -5, _ => 0 };
        return Math.Clamp(score, 0, 100);
    }
}
