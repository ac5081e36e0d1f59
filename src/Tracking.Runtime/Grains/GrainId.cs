namespace Tracking.Runtime;

/// <summary>The identity of a grain: its registered type name and a string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
