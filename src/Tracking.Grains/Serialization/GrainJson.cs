using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracking.Grains.Sweeps;

namespace Tracking.Grains.Serialization;

/// <summary>The JSON of everything <see cref="TrackingJson"/> covers, and of what only the grains and their tools keep: sweeps' states and events, import and seizing summaries.</summary>
public static class GrainJson
{
    public static JsonSerializerOptions Options { get; } = TrackingJson.Create(
        JsonTypeInfoResolver.Combine(GrainJsonContext.Default, TrackingJsonContext.Default),
        new Dictionary<Type, Type[]>
        {
            [typeof(SweepEvent)] = [typeof(SweepCompleted), typeof(SweepCandidatesFound)],
        });
}
