using Orleans.Serialization.Codecs;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Grains.Serialization;

/// <summary>
/// A match candidate as grain calls carry it, with its weight: a sweep's shards answer with
/// hundreds of thousands, which as JSON cost more than the comparing that found them. Enumerations
/// go as their numbers: the domain's types would otherwise each go as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("match-candidate")]
public readonly record struct MatchCandidateSurrogate(
    [property: Id(0)] string TaxpayerId,
    [property: Id(1)] string Exchange,
    [property: Id(2)] string AccountId,
    [property: Id(3)] int Decision,
    [property: Id(4)] int Score,
    [property: Id(5)] IReadOnlyList<string> Reasons,
    [property: Id(6)] DateTimeOffset? FoundAt,
    [property: Id(7)] MatchWeight? Weight);

[GenerateSerializer, Immutable, Alias("match-weight")]
public readonly record struct MatchWeightSurrogate([property: Id(0)] double Total, [property: Id(1)] double Probability, [property: Id(2)] IReadOnlyList<FieldWeight> Fields);

[GenerateSerializer, Immutable, Alias("field-weight")]
public readonly record struct FieldWeightSurrogate([property: Id(0)] int Field, [property: Id(1)] string Level, [property: Id(2)] double Weight, [property: Id(3)] NameFrequency? Frequency);

[GenerateSerializer, Immutable, Alias("name-frequency")]
public readonly record struct NameFrequencySurrogate([property: Id(0)] double Share, [property: Id(1)] bool Rare, [property: Id(2)] double Bits);

[RegisterConverter]
public sealed class MatchCandidateConverter :
    IConverter<MatchCandidate, MatchCandidateSurrogate>,
    IConverter<MatchWeight, MatchWeightSurrogate>,
    IConverter<FieldWeight, FieldWeightSurrogate>,
    IConverter<NameFrequency, NameFrequencySurrogate>
{
    public MatchCandidate ConvertFromSurrogate(in MatchCandidateSurrogate surrogate) =>
        new(surrogate.TaxpayerId, surrogate.Exchange, surrogate.AccountId, (MatchDecision)surrogate.Decision, surrogate.Score, surrogate.Reasons) { FoundAt = surrogate.FoundAt, Weight = surrogate.Weight };

    public MatchCandidateSurrogate ConvertToSurrogate(in MatchCandidate value) =>
        new(value.TaxpayerId, value.Exchange, value.AccountId, (int)value.Decision, value.Score, value.Reasons, value.FoundAt, value.Weight);

    public MatchWeight ConvertFromSurrogate(in MatchWeightSurrogate surrogate) => new(surrogate.Total, surrogate.Probability, surrogate.Fields);

    public MatchWeightSurrogate ConvertToSurrogate(in MatchWeight value) => new(value.Total, value.Probability, value.Fields);

    public FieldWeight ConvertFromSurrogate(in FieldWeightSurrogate surrogate) => new((MatchField)surrogate.Field, surrogate.Level, surrogate.Weight) { Frequency = surrogate.Frequency };

    public FieldWeightSurrogate ConvertToSurrogate(in FieldWeight value) => new((int)value.Field, value.Level, value.Weight, value.Frequency);

    public NameFrequency ConvertFromSurrogate(in NameFrequencySurrogate surrogate) => new(surrogate.Share, surrogate.Rare, surrogate.Bits);

    public NameFrequencySurrogate ConvertToSurrogate(in NameFrequency value) => new(value.Share, value.Rare, value.Bits);
}

/// <summary>Immutable: passed as it is within a silo (<see cref="PassedAsItIs{T}"/>).</summary>
[RegisterCopier]
public sealed class MatchCandidateCopier : PassedAsItIs<MatchCandidate>;

[RegisterCopier]
public sealed class MatchWeightCopier : PassedAsItIs<MatchWeight>;

[RegisterCopier]
public sealed class FieldWeightCopier : PassedAsItIs<FieldWeight>;

[RegisterCopier]
public sealed class NameFrequencyCopier : PassedAsItIs<NameFrequency>;
