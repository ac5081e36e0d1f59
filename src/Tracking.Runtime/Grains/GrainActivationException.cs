namespace Tracking.Runtime;

/// <summary>A grain could not be activated (its state could not be read, or its activation code threw).</summary>
public sealed class GrainActivationException(GrainId grain, Exception inner)
    : Exception($"Grain {grain} could not be activated: {inner.Message}", inner)
{
    public GrainId Grain { get; } = grain;
}
