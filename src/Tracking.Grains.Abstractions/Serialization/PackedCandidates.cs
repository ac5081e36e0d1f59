using Orleans.Serialization.Codecs;
using Tracking.Domain.Matching;
using Tracking.Domain.Matching.Weights;
using Tracking.Grains.Matching;

namespace Tracking.Grains.Serialization;

/// <summary>
/// Candidates as they cross silos (<see cref="FoundCandidates"/>): column by column, each text
/// (exchange, reason, level) once in <see cref="Texts"/> and named by its place there, so that the
/// wire carries arrays of numbers rather than a dozen objects per candidate. Each weighed field's
/// name frequency, where it has one, is in <see cref="Shares"/>, <see cref="Rare"/> and
/// <see cref="Bits"/> in turn.
/// </summary>
[GenerateSerializer, Immutable, Alias("packed-candidates")]
public readonly record struct PackedCandidates(
    [property: Id(0)] string[] Texts,
    [property: Id(1)] string[] TaxpayerIds,
    [property: Id(2)] string[] AccountIds,
    [property: Id(3)] int[] Exchanges,
    [property: Id(4)] byte[] Decisions,
    [property: Id(5)] int[] Scores,
    [property: Id(6)] int[] ReasonCounts,
    [property: Id(7)] int[] Reasons,
    [property: Id(8)] bool[] Found,
    [property: Id(9)] long[] FoundAtUtcTicks,
    [property: Id(10)] short[] FoundAtOffsetMinutes,
    [property: Id(11)] int[] FieldCounts,
    [property: Id(12)] double[] Totals,
    [property: Id(13)] double[] Probabilities,
    [property: Id(14)] byte[] Fields,
    [property: Id(15)] int[] Levels,
    [property: Id(16)] double[] FieldWeights,
    [property: Id(17)] bool[] Frequencies,
    [property: Id(18)] double[] Shares,
    [property: Id(19)] bool[] Rare,
    [property: Id(20)] double[] Bits);

[RegisterConverter]
public sealed class FoundCandidatesConverter : IConverter<FoundCandidates, PackedCandidates>
{
    /// <summary>The count of fields of a candidate not weighed (found before sweeps learnt weights), told apart from a weight of none.</summary>
    private const int NotWeighed = -1;

    public PackedCandidates ConvertToSurrogate(in FoundCandidates value)
    {
        var candidates = value.Candidates;
        var count = candidates.Count;
        var texts = new Dictionary<string, int>(StringComparer.Ordinal);
        var exchanges = new int[count];
        var decisions = new byte[count];
        var scores = new int[count];
        var reasonCounts = new int[count];
        var found = new bool[count];
        var foundAt = new long[count];
        var offsets = new short[count];
        var fieldCounts = new int[count];
        var totals = new double[count];
        var probabilities = new double[count];
        var reasons = new List<int>(count * 4);
        var fields = new List<byte>(count * 4);
        var levels = new List<int>(count * 4);
        var weights = new List<double>(count * 4);
        var frequencies = new List<bool>(count * 4);
        var (shares, rare, bits) = (new List<double>(), new List<bool>(), new List<double>());
        for (var i = 0; i < count; i++)
        {
            var candidate = candidates[i];
            exchanges[i] = Text(candidate.Exchange);
            (decisions[i], scores[i], reasonCounts[i]) = ((byte)candidate.Decision, candidate.Score, candidate.Reasons.Count);
            foreach (var reason in candidate.Reasons)
            {
                reasons.Add(Text(reason));
            }

            if (candidate.FoundAt is { } at)
            {
                (found[i], foundAt[i], offsets[i]) = (true, at.UtcTicks, (short)at.Offset.TotalMinutes);
            }

            fieldCounts[i] = candidate.Weight?.Fields.Count ?? NotWeighed;
            if (candidate.Weight is not { } weight)
            {
                continue;
            }

            (totals[i], probabilities[i]) = (weight.Total, weight.Probability);
            foreach (var field in weight.Fields)
            {
                fields.Add((byte)field.Field);
                levels.Add(Text(field.Level));
                weights.Add(field.Weight);
                frequencies.Add(field.Frequency is not null);
                if (field.Frequency is { } frequency)
                {
                    shares.Add(frequency.Share);
                    rare.Add(frequency.Rare);
                    bits.Add(frequency.Bits);
                }
            }
        }

        return new PackedCandidates(
            [.. texts.OrderBy(t => t.Value).Select(t => t.Key)],
            [.. candidates.Select(c => c.TaxpayerId)],
            [.. candidates.Select(c => c.AccountId)],
            exchanges, decisions, scores, reasonCounts, [.. reasons], found, foundAt, offsets, fieldCounts, totals, probabilities,
            [.. fields], [.. levels], [.. weights], [.. frequencies], [.. shares], [.. rare], [.. bits]);

        int Text(string text)
        {
            if (!texts.TryGetValue(text, out var at))
            {
                texts[text] = at = texts.Count;
            }

            return at;
        }
    }

    public FoundCandidates ConvertFromSurrogate(in PackedCandidates packed)
    {
        var texts = packed.Texts;
        var candidates = new MatchCandidate[packed.TaxpayerIds.Length];
        var (reason, field, frequency) = (0, 0, 0);
        for (var i = 0; i < candidates.Length; i++)
        {
            var reasons = new string[packed.ReasonCounts[i]];
            for (var r = 0; r < reasons.Length; r++)
            {
                reasons[r] = texts[packed.Reasons[reason++]];
            }

            MatchWeight? weight = null;
            if (packed.FieldCounts[i] != NotWeighed)
            {
                var fields = new FieldWeight[packed.FieldCounts[i]];
                for (var f = 0; f < fields.Length; f++, field++)
                {
                    fields[f] = new FieldWeight((MatchField)packed.Fields[field], texts[packed.Levels[field]], packed.FieldWeights[field])
                    {
                        Frequency = packed.Frequencies[field] ? new NameFrequency(packed.Shares[frequency], packed.Rare[frequency], packed.Bits[frequency++]) : null,
                    };
                }

                weight = new MatchWeight(packed.Totals[i], packed.Probabilities[i], fields);
            }

            candidates[i] = new MatchCandidate(packed.TaxpayerIds[i], texts[packed.Exchanges[i]], packed.AccountIds[i], (MatchDecision)packed.Decisions[i], packed.Scores[i], reasons)
            {
                FoundAt = packed.Found[i] ? new DateTimeOffset(packed.FoundAtUtcTicks[i], TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(packed.FoundAtOffsetMinutes[i])) : null,
                Weight = weight,
            };
        }

        return new FoundCandidates(candidates);
    }
}

/// <summary>Immutable: passed as it is within a silo (<see cref="PassedAsItIs{T}"/>).</summary>
[RegisterCopier]
public sealed class FoundCandidatesCopier : PassedAsItIs<FoundCandidates>;
