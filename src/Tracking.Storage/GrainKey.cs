namespace Tracking.Storage;

/// <summary>A stored grain: its type name (as pinned by <c>[GrainType]</c>) and its string key.</summary>
public readonly record struct GrainKey(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
