namespace Tracking.Runtime;

/// <summary>A call named a grain type or interface that no registered grain class implements.</summary>
public sealed class UnknownGrainTypeException(string typeName)
    : Exception($"No grain type '{typeName}' is registered with this silo.")
{
    public string TypeName { get; } = typeName;
}
