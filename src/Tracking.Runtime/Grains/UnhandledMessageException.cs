namespace Tracking.Runtime;

/// <summary>A grain was sent a message type that its class has no handler for.</summary>
public sealed class UnhandledMessageException(GrainId grain, Type messageType)
    : Exception($"Grain {grain} has no handler for message {messageType.Name}.")
{
    public GrainId Grain { get; } = grain;
}
