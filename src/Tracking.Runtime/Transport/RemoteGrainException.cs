namespace Tracking.Runtime.Transport;

/// <summary>A grain on another silo threw an exception of a type not registered in <see cref="RemoteExceptionMap"/>.</summary>
public sealed class RemoteGrainException(string exceptionType, string message) : Exception($"{message} ({exceptionType} on a remote silo)")
{
    public string ExceptionType { get; } = exceptionType;
}
