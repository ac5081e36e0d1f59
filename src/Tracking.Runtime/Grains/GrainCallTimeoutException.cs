namespace Tracking.Runtime;

/// <summary>A call got no answer within its timeout; the turn may still complete later.</summary>
public sealed class GrainCallTimeoutException(GrainId grain, Type messageType, TimeSpan timeout)
    : TimeoutException($"Call {messageType.Name} to grain {grain} did not complete within {timeout.TotalMilliseconds:0} ms.")
{
    public GrainId Grain { get; } = grain;
}
