using Orleans.Serialization.Codecs;
using Tracking.Domain.Matching.Weights;

namespace Tracking.Grains.Serialization;

/// <summary>
/// A sweep's match weights as grain calls carry them: the sweep sends them to every shard, and
/// their table of name frequencies as JSON cost more to write and read than the shard's comparing.
/// Enumerations go as their numbers.
/// </summary>
[GenerateSerializer, Immutable, Alias("match-model")]
public readonly record struct MatchModelSurrogate(
    [property: Id(0)] double MatchShare,
    [property: Id(1)] IReadOnlyList<FieldModel> Fields,
    [property: Id(2)] double? ReviewThreshold,
    [property: Id(3)] double ReviewPrecision,
    [property: Id(4)] NameFrequencies? Names);

[GenerateSerializer, Immutable, Alias("field-model")]
public readonly record struct FieldModelSurrogate([property: Id(0)] int Field, [property: Id(1)] IReadOnlyList<LevelModel> Levels, [property: Id(2)] bool Learnt);

[GenerateSerializer, Immutable, Alias("level-model")]
public readonly record struct LevelModelSurrogate([property: Id(0)] string Level, [property: Id(1)] double M, [property: Id(2)] double U);

[GenerateSerializer, Immutable, Alias("name-frequencies")]
public readonly record struct NameFrequenciesSurrogate([property: Id(0)] Dictionary<string, double> Shares, [property: Id(1)] double Rest, [property: Id(2)] double Mean);

[RegisterConverter]
public sealed class MatchModelConverter :
    IConverter<MatchModel, MatchModelSurrogate>,
    IConverter<FieldModel, FieldModelSurrogate>,
    IConverter<LevelModel, LevelModelSurrogate>,
    IConverter<NameFrequencies, NameFrequenciesSurrogate>
{
    public MatchModel ConvertFromSurrogate(in MatchModelSurrogate surrogate) =>
        new(surrogate.MatchShare, surrogate.Fields, surrogate.ReviewThreshold, surrogate.ReviewPrecision, surrogate.Names);

    public MatchModelSurrogate ConvertToSurrogate(in MatchModel value) =>
        new(value.MatchShare, value.Fields, value.ReviewThreshold, value.ReviewPrecision, value.Names);

    public FieldModel ConvertFromSurrogate(in FieldModelSurrogate surrogate) => new((MatchField)surrogate.Field, surrogate.Levels, surrogate.Learnt);

    public FieldModelSurrogate ConvertToSurrogate(in FieldModel value) => new((int)value.Field, value.Levels, value.Learnt);

    public LevelModel ConvertFromSurrogate(in LevelModelSurrogate surrogate) => new(surrogate.Level, surrogate.M, surrogate.U);

    public LevelModelSurrogate ConvertToSurrogate(in LevelModel value) => new(value.Level, value.M, value.U);

    public NameFrequencies ConvertFromSurrogate(in NameFrequenciesSurrogate surrogate) => new(surrogate.Shares, surrogate.Rest, surrogate.Mean);

    public NameFrequenciesSurrogate ConvertToSurrogate(in NameFrequencies value) =>
        new(value.Shares as Dictionary<string, double> ?? new Dictionary<string, double>(value.Shares, StringComparer.Ordinal), value.Rest, value.Mean);
}

/// <summary>Immutable: passed as it is within a silo (<see cref="PassedAsItIs{T}"/>).</summary>
[RegisterCopier]
public sealed class MatchModelCopier : PassedAsItIs<MatchModel>;

[RegisterCopier]
public sealed class FieldModelCopier : PassedAsItIs<FieldModel>;

[RegisterCopier]
public sealed class LevelModelCopier : PassedAsItIs<LevelModel>;

[RegisterCopier]
public sealed class NameFrequenciesCopier : PassedAsItIs<NameFrequencies>;
