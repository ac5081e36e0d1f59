using Orleans.Serialization.Codecs;
using Tracking.Domain.Identity;

namespace Tracking.Grains.Serialization;

/// <summary>A birth date as grain calls carry it: four numbers, not a JSON text (a sweep's samples carry thousands).</summary>
[GenerateSerializer, Immutable, Alias("birth-date")]
public readonly record struct BirthDateSurrogate([property: Id(0)] int? Century, [property: Id(1)] int YearOfCentury, [property: Id(2)] int Month, [property: Id(3)] int Day);

[RegisterConverter]
public sealed class BirthDateConverter : IConverter<BirthDate, BirthDateSurrogate>
{
    public BirthDate ConvertFromSurrogate(in BirthDateSurrogate surrogate) => new(surrogate.Century, surrogate.YearOfCentury, surrogate.Month, surrogate.Day);

    public BirthDateSurrogate ConvertToSurrogate(in BirthDate value) => new(value.Century, value.YearOfCentury, value.Month, value.Day);
}
